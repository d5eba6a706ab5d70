using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Sends the domain's outbox through its Dapr sidecar as CloudEvents, at least once and in order per
/// partition key. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> so that replicas share the work and
/// never send the same row concurrently; a row is marked sent in the claiming transaction, after the
/// sidecar accepted it, so a relay that dies in between leaves the row to be sent again (same CloudEvent
/// id, which consumers' inboxes recognise). It wakes when this process commits outbox rows
/// (<see cref="OutboxSignal"/>) and polls for the rest.
/// </summary>
/// <remarks>
/// A claimed batch goes out in rounds of one bulk publish each (<see cref="OutboxRelayOptions.BulkPublish"/>).
/// A round holds at most one event per partition key and the next round starts only once the sidecar answered,
/// so an event is never sent before an earlier one of its key was accepted: neither bulk publishing's lack of an
/// order within a request nor an entry refused in the middle can reorder a key. An entry the broker refuses stays
/// unsent with the later rows of its key, while other keys go on; when the call as a whole fails the batch stops.
/// Either way the relay then backs off and tries the unsent rows again, first.
/// </remarks>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    SidecarPublisher sidecar,
    OutboxSignal signal,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const string ClaimSql =
        "SELECT * FROM " + OutboxModel.TableName + " WHERE sent_at IS NULL ORDER BY sequence LIMIT {0} FOR UPDATE SKIP LOCKED";

    private static readonly Counter<long> Relayed = MeshTelemetry.Meter.CreateCounter<long>(
        "datamesh.dataproducts.events.relayed", "{event}", "Outbox events offered to the Dapr sidecar, by data product and outcome.");

    private OutboxRelayOptions Relay => options.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = Relay.MinRetryDelay;
        var nextPruning = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var sent = await RelayBatchAsync(stoppingToken);
                    retryDelay = Relay.MinRetryDelay;
                    if (clock.GetUtcNow() >= nextPruning)
                    {
                        await PruneAsync(stoppingToken);
                        nextPruning = clock.GetUtcNow() + Relay.PruneInterval;
                    }

                    // A full batch means more rows are probably waiting; anything less, the outbox is drained
                    // or another replica holds the rest, until the next commit or poll.
                    if (sent < Relay.BatchSize)
                    {
                        await signal.WaitAsync(Relay.PollInterval, clock, stoppingToken);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(exception, "Relaying the outbox failed; retrying in {RetryDelay}.", retryDelay);
                    await Task.Delay(retryDelay, clock, stoppingToken);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, Relay.MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an unfinished batch rolled back and will be sent by the next relay to run.
        }
    }

    /// <summary>Claims, sends and marks one batch; returns how many rows were sent.</summary>
    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();

        // A retrying execution strategy (Aspire's default) only allows transactions inside it.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outbox = db.Set<OutboxEvent>();
            var claimed = await outbox.FromSqlRaw(ClaimSql, Relay.BatchSize).AsNoTracking().ToListAsync(ct);
            if (claimed.Count == 0)
            {
                return 0;
            }

            // Marking rows sent need not wait for its WAL flush: a mark lost in a crash only means the rows are sent
            // again, which the relay must survive anyway (a relay killed between sending and marking), and consumers'
            // inboxes recognise. It saves one flush per batch for the domain's commits to share the disk with.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);

            // Lists go to PostgreSQL as one array parameter each (EF.Parameter): one statement and plan whatever their length.
            var sent = new List<Guid>();
            var refusedKeys = new HashSet<string>(StringComparer.Ordinal);
            Exception? failure = null;
            foreach (var round in Rounds(await InOrderAsync(db, claimed, ct), refusedKeys))
            {
                var (accepted, roundFailure) = await PublishRoundAsync(round, ct);
                sent.AddRange(accepted);
                if (roundFailure is BulkPublishRefusedException refused)
                {
                    // The broker refused some entries: their keys wait, the other keys go on.
                    refusedKeys.UnionWith(round.Where(e => refused.Refused.ContainsKey(e.Id)).Select(e => e.PartitionKey));
                    failure ??= refused;
                }
                else if (roundFailure is not null)
                {
                    failure = roundFailure;
                    break;
                }
            }

            if (sent.Count > 0)
            {
                var now = clock.GetUtcNow();
                await outbox.Where(e => EF.Parameter(sent).Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAt, now), ct);
            }

            await transaction.CommitAsync(ct);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            return sent.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// Splits the rows (in sending order) into rounds of one topic each, with at most one row per partition key
    /// and at most one row at all when bulk publishing is off. Rows of a key in <paramref name="refusedKeys"/> are
    /// left out, including keys refused in an earlier round of this batch (the rounds are made as they are sent).
    /// </summary>
    private IEnumerable<IReadOnlyList<OutboxEvent>> Rounds(IReadOnlyList<OutboxEvent> rows, HashSet<string> refusedKeys)
    {
        var round = new List<OutboxEvent>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (refusedKeys.Contains(row.PartitionKey))
            {
                continue;
            }

            if (round.Count > 0 && (!Relay.BulkPublish || row.Topic != round[0].Topic || keys.Contains(row.PartitionKey)))
            {
                yield return round;
                round = [];
                keys.Clear();
                if (refusedKeys.Contains(row.PartitionKey))
                {
                    continue;
                }
            }

            keys.Add(row.PartitionKey);
            round.Add(row);
        }

        if (round.Count > 0)
        {
            yield return round;
        }
    }

    /// <summary>Publishes one round, each event in its own publish activity (which continues the event's trace).</summary>
    /// <returns>The ids the sidecar accepted, and why the others were not, if any were not.</returns>
    private async Task<(IReadOnlyList<Guid> Accepted, Exception? Failure)> PublishRoundAsync(IReadOnlyList<OutboxEvent> round, CancellationToken ct)
    {
        var outer = Activity.Current;
        var activities = round.Select(StartPublishing).ToList();
        Activity.Current = outer;
        var cloudEvents = round.Select((row, i) => OutboxCloudEvent.For(row, activities[i])).ToList();
        IReadOnlyDictionary<Guid, string> refused;
        Exception? failure = null;
        try
        {
            if (Relay.BulkPublish)
            {
                refused = await sidecar.PublishBulkAsync(round[0].Topic, cloudEvents, ct);
                if (refused.Count > 0)
                {
                    failure = new BulkPublishRefusedException(round[0].Topic, refused);
                }
            }
            else
            {
                await sidecar.PublishAsync(cloudEvents[0], ct);
                refused = new Dictionary<Guid, string>();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure = exception;
            refused = round.ToDictionary(row => row.Id, _ => exception.Message);
        }

        var accepted = new List<Guid>(round.Count);
        for (var i = 0; i < round.Count; i++)
        {
            if (refused.TryGetValue(round[i].Id, out var error))
            {
                Relayed.Add(1, Tags(round[i], "failed"));
                activities[i]?.SetStatus(ActivityStatusCode.Error, error);
            }
            else
            {
                Relayed.Add(1, Tags(round[i], "sent"));
                accepted.Add(round[i].Id);
            }

            activities[i]?.Stop();
        }

        Activity.Current = outer;
        return (accepted, failure);
    }

    private static Activity? StartPublishing(OutboxEvent row)
    {
        var parent = ActivityContext.TryParse(row.TraceParent, row.TraceState, out var context) ? context : default;
        var activity = MeshTelemetry.ActivitySource.StartActivity($"{row.Topic} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", row.Topic);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        activity?.SetTag("data_product", row.DataProductId);
        return activity;
    }

    /// <summary>
    /// The claimed rows that may go now. Another replica may hold an earlier row of the same partition key
    /// (skipped by SKIP LOCKED); sending ours first would reorder that key, so such keys wait for the next round.
    /// </summary>
    private static async Task<IReadOnlyList<OutboxEvent>> InOrderAsync(TDbContext db, List<OutboxEvent> claimed, CancellationToken ct)
    {
        var ids = claimed.Select(e => e.Id).ToList();
        var keys = claimed.Select(e => e.PartitionKey).Distinct().ToList();
        var firstElsewhere = await db.Set<OutboxEvent>()
            .Where(e => e.SentAt == null && EF.Parameter(keys).Contains(e.PartitionKey) && !EF.Parameter(ids).Contains(e.Id))
            .GroupBy(e => e.PartitionKey)
            .Select(g => new { Key = g.Key, First = g.Min(e => e.Sequence) })
            .ToDictionaryAsync(x => x.Key, x => x.First, ct);
        return claimed
            .Where(e => !firstElsewhere.TryGetValue(e.PartitionKey, out var first) || e.Sequence < first)
            .OrderBy(e => e.Sequence)
            .ToList();
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = clock.GetUtcNow() - Relay.Retention;
        var pruned = await db.Set<OutboxEvent>().Where(e => e.SentAt != null && e.SentAt < cutoff).ExecuteDeleteAsync(ct);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} outbox events sent before {Cutoff}.", pruned, cutoff);
        }
    }

    private static TagList Tags(OutboxEvent outboxEvent, string outcome) => new()
    {
        { "data_product", outboxEvent.DataProductId },
        { "outcome", outcome },
    };
}
