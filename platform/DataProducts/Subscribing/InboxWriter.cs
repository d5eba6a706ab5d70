using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// Applies delivered events exactly once: each event's handler runs in the transaction that records its CloudEvent
/// id in the inbox, so a redelivered event is recognised and has no second effect. The events of one delivery share
/// one transaction (one commit, one WAL flush, for the whole bulk); if that transaction fails, they are applied one
/// transaction each, so that one bad event neither loses nor repeats the others.
/// </summary>
public sealed class InboxWriter<TDbContext>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<InboxWriter<TDbContext>> logger)
    where TDbContext : DbContext
{
    /// <returns>Per event, in order: applied, duplicate, or retried (a transient failure the sidecar should redeliver).</returns>
    internal async Task<DeliveryOutcome[]> ApplyAsync(InputPortSubscription subscription, IReadOnlyList<PendingEvent<TDbContext>> events, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyTogetherAsync(subscription, events, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && events.Count > 1)
        {
            logger.LogWarning(exception, "Applying {Count} events on {Route} in one transaction failed; applying them one by one.", events.Count, subscription.Route);
            return await ApplyOneByOneAsync(subscription, events, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return [Failed(subscription, events[0], exception)];
        }
    }

    /// <summary>
    /// Each event in its own transaction, in delivery order. After a failure, later events of the same partition key
    /// are not tried but retried too: applying them now would overtake the failed one.
    /// </summary>
    private async Task<DeliveryOutcome[]> ApplyOneByOneAsync(InputPortSubscription subscription, IReadOnlyList<PendingEvent<TDbContext>> events, CancellationToken cancellationToken)
    {
        var outcomes = new DeliveryOutcome[events.Count];
        var failedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (failedKeys.Contains(events[i].PartitionKey))
            {
                outcomes[i] = DeliveryOutcome.Retried;
                continue;
            }

            try
            {
                outcomes[i] = (await ApplyTogetherAsync(subscription, [events[i]], cancellationToken))[0];
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                outcomes[i] = Failed(subscription, events[i], exception);
                failedKeys.Add(events[i].PartitionKey);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// One transaction: record the events in the inbox, skipping those it already holds, run the handlers of the
    /// newly recorded ones, commit.
    /// </summary>
    private async Task<DeliveryOutcome[]> ApplyTogetherAsync(InputPortSubscription subscription, IReadOnlyList<PendingEvent<TDbContext>> events, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();

        // The first delivery of an id within this very bulk is the one applied; later ones are duplicates.
        var firsts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            firsts.TryAdd(events[i].Event.Id, i);
        }

        var recording = firsts.Values.Select(i => events[i]).ToList();

        // A retrying execution strategy (Aspire's default) only allows transactions inside it.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var recorded = (await InboxRecord.InsertNewAsync(db, subscription, recording, clock.GetUtcNow(), ct)).ToHashSet(StringComparer.Ordinal);
            var outcomes = new DeliveryOutcome[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var consumed = events[i].Event;
                if (firsts[consumed.Id] != i || !recorded.Contains(consumed.Id))
                {
                    outcomes[i] = DeliveryOutcome.Duplicate;
                    continue;
                }

                await events[i].Handler(consumed, db, ct);
                outcomes[i] = DeliveryOutcome.Applied;
            }

            if (recorded.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            return outcomes;
        }, cancellationToken);
    }

    private DeliveryOutcome Failed(InputPortSubscription subscription, PendingEvent<TDbContext> pending, Exception exception)
    {
        // Database down, a timeout, a conflict, a handler's own failure: none is the event's fault, so Dapr keeps
        // it and delivers it again rather than losing it.
        logger.LogError(exception, "Event {EventId} ({EventType}) on {Route} failed; asking the sidecar to retry.", pending.Event.Id, pending.Event.Type, subscription.Route);
        return DeliveryOutcome.Retried;
    }
}
