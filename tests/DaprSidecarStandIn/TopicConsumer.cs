using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Follows one topic log for one subscription of the app, in log order: one event at a time, or with
/// <c>bulkSubscribe</c> one bulk message at a time. The next event (or bulk) waits until the current one is
/// settled (acknowledged, dropped or dead-lettered), which keeps the order per partition key. The group's
/// offset moves only past settled events (at-least-once).
/// </summary>
public sealed class TopicConsumer(
    Subscription subscription,
    TopicLog log,
    string consumerGroup,
    EventDelivery delivery,
    BulkDelivery bulkDelivery,
    EventPublisher publisher,
    StandInMetrics metrics,
    ILogger<TopicConsumer> logger)
{
    // Polling catches appends by other processes; appends in this process wake the consumer at once.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var membership = await ConsumerGroupMembership.JoinAsync(log.Directory, consumerGroup, logger, cancellationToken).ConfigureAwait(false);
        var offsets = new ConsumerGroupOffset(log.Directory, consumerGroup);
        var position = offsets.Load();
        var committed = position;
        var sinceCommit = Stopwatch.StartNew();
        logger.LogInformation("Consuming {Topic} on {PubSub} as group {Group} from offset {Offset}", subscription.Topic, subscription.PubSubName, consumerGroup, position);

        using var appended = new SemaphoreSlim(0);
        void Wake()
        {
            if (appended.CurrentCount == 0)
            {
                appended.Release();
            }
        }

        log.Appended += Wake;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await ReadAsync(position, appended, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    // Caught up: a good moment to record how far the group got.
                    if (committed != position)
                    {
                        offsets.Commit(position);
                        committed = position;
                    }

                    await appended.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (subscription.BulkSubscribe is null)
                {
                    await SettleAsync(batch[0].Record, batch[0].Offset, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SettleBulkAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                position = batch[^1].Next;
                if (sinceCommit.Elapsed >= CommitInterval)
                {
                    offsets.Commit(position);
                    committed = position;
                    sinceCommit.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Consumer of {Topic} stopping", subscription.Topic);
        }
        finally
        {
            log.Appended -= Wake;
            if (committed != position)
            {
                offsets.Commit(position);
            }
        }
    }

    /// <summary>
    /// The next records from <paramref name="position"/>: one without bulkSubscribe; with it, up to
    /// <c>maxMessagesCount</c>, waiting at most <c>maxAwaitDuration</c> after the first one for the bulk to fill.
    /// Empty when the log has nothing new.
    /// </summary>
    private async Task<List<(TopicRecord Record, long Offset, long Next)>> ReadAsync(long position, SemaphoreSlim appended, CancellationToken cancellationToken)
    {
        var batch = new List<(TopicRecord Record, long Offset, long Next)>();
        var limit = subscription.BulkSubscribe?.MaxMessagesCount ?? 1;
        var filling = Stopwatch.StartNew();
        while (batch.Count < limit)
        {
            var next = log.TryRead(position);
            if (next is not null)
            {
                if (batch.Count == 0)
                {
                    filling.Restart();
                }

                batch.Add((next.Value.Record, position, next.Value.Next));
                position = next.Value.Next;
                continue;
            }

            var left = (subscription.BulkSubscribe?.MaxAwaitDuration ?? TimeSpan.Zero) - filling.Elapsed;
            if (batch.Count == 0 || left <= TimeSpan.Zero)
            {
                break;
            }

            await appended.WaitAsync(left < PollInterval ? left : PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return batch;
    }

    private JsonObject CloudEventOf(TopicRecord record, long offset) => record.IsCloudEvent
        ? JsonNode.Parse(record.Payload) as JsonObject ?? []
        : CloudEventEnvelope.ForRawPayload(record, $"{subscription.PubSubName}-{subscription.Topic}-{offset}", subscription.Topic, subscription.PubSubName);

    /// <summary>
    /// Delivers a bulk per route (entries that match no route are dropped, as daprd drops them) and settles each
    /// entry by its status: SUCCESS acknowledged, DROP dead-lettered, RETRY delivered again with backoff, as a bulk
    /// of the entries still unsettled and in log order, before the consumer moves on.
    /// </summary>
    private async Task SettleBulkAsync(List<(TopicRecord Record, long Offset, long Next)> batch, CancellationToken cancellationToken)
    {
        var routes = new Dictionary<string, List<BulkEntry>>(StringComparer.Ordinal);
        foreach (var (record, offset, _) in batch)
        {
            var cloudEvent = CloudEventOf(record, offset);
            if (subscription.RouteFor(cloudEvent) is not { } route)
            {
                logger.LogWarning("No route of the subscription to {Topic} matches event {Id}: dropped", subscription.Topic, cloudEvent["id"]);
                metrics.Dropped();
                continue;
            }

            if (!routes.TryGetValue(route, out var entries))
            {
                routes[route] = entries = [];
            }

            entries.Add(new BulkEntry(offset.ToString(System.Globalization.CultureInfo.InvariantCulture), record, offset, cloudEvent));
        }

        foreach (var (route, entries) in routes)
        {
            var unsettled = entries;
            var retryDelay = FirstRetryDelay;
            while (unsettled.Count > 0)
            {
                var outcomes = await bulkDelivery.DeliverAsync(subscription, route, unsettled, cancellationToken).ConfigureAwait(false);
                var retry = new List<BulkEntry>();
                foreach (var entry in unsettled)
                {
                    switch (outcomes[entry.EntryId])
                    {
                        case DeliveryOutcome.Success:
                            metrics.Delivered();
                            break;
                        case DeliveryOutcome.RouteNotFound:
                            metrics.Dropped();
                            break;
                        case DeliveryOutcome.Drop when await DeadLetterAsync(entry.Record, entry.CloudEvent, cancellationToken).ConfigureAwait(false):
                            metrics.Dropped();
                            break;
                        default:
                            metrics.Retried();
                            retry.Add(entry);
                            break;
                    }
                }

                unsettled = retry;
                if (unsettled.Count > 0)
                {
                    await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                }
            }
        }
    }

    private async Task SettleAsync(TopicRecord record, long offset, CancellationToken cancellationToken)
    {
        var cloudEvent = CloudEventOf(record, offset);
        var route = subscription.RouteFor(cloudEvent);
        if (route is null)
        {
            logger.LogWarning("No route of the subscription to {Topic} matches event {Id}: dropped", subscription.Topic, cloudEvent["id"]);
            metrics.Dropped();
            return;
        }

        var retryDelay = FirstRetryDelay;
        while (true)
        {
            var outcome = await delivery.DeliverAsync(subscription, route, cloudEvent, record, offset, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case DeliveryOutcome.Success:
                    metrics.Delivered();
                    return;
                case DeliveryOutcome.RouteNotFound:
                    metrics.Dropped();
                    return;
                case DeliveryOutcome.Drop when await DeadLetterAsync(record, cloudEvent, cancellationToken).ConfigureAwait(false):
                    metrics.Dropped();
                    return;
                default:
                    metrics.Retried();
                    await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                    break;
            }
        }
    }

    /// <returns>
    /// False when the dead-letter topic refuses the app (its publishing scopes): daprd then leaves the event unsettled,
    /// to come again (dapr/dapr pkg/runtime/subscription/subscription.go: "failed to send dropped message to dead letter queue").
    /// </returns>
    private async Task<bool> DeadLetterAsync(TopicRecord record, JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        if (subscription.DeadLetterTopic is null)
        {
            logger.LogWarning("The app dropped event {Id} from {Topic}; no dead-letter topic", cloudEvent["id"], subscription.Topic);
            return true;
        }

        try
        {
            // daprd publishes dead letters through the same publisher as the app's own events, scopes included.
            publisher.EnsurePublishable(subscription.PubSubName, subscription.DeadLetterTopic);
        }
        catch (PublishRefusedException refused)
        {
            logger.LogWarning("failed to send dropped message to dead letter queue for topic {Topic}: {Message}", subscription.Topic, refused.Message);
            return false;
        }

        await publisher.AppendAsync(subscription.PubSubName, subscription.DeadLetterTopic, [record], cancellationToken).ConfigureAwait(false);
        metrics.DeadLettered();
        logger.LogInformation("The app dropped event {Id} from {Topic}: sent to dead-letter topic {DeadLetter}", cloudEvent["id"], subscription.Topic, subscription.DeadLetterTopic);
        return true;
    }
}
