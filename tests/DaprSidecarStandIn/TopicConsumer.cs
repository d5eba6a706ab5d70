using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Follows one topic log for one subscription of the app, in log order: one event at a time, or with
/// <c>bulkSubscribe</c> one bulk message at a time. The next event (or bulk) waits until the current one is
/// settled (acknowledged, dropped or dead-lettered) or given up by the component, which keeps the order per partition
/// key. The group's offset moves only past events that are done with (at-least-once). A subscription of the app consumes
/// only while the app is healthy (<see cref="AppHealth"/>): when the app turns unhealthy the subscription stops, leaving
/// the event at hand unsettled, and starts again from it once the app is healthy. A streaming subscription does not
/// follow the app's health (daprd stops and starts only the app's subscriptions on a health change).
/// </summary>
/// <remarks>
/// Each event goes through what daprd does around a delivery (dapr/dapr <c>pkg/runtime/subscription/subscription.go</c>,
/// bulk: <c>bulksubscription.go</c> and <c>bulkresiliency.go</c>): the component's inbound resiliency policy (retries,
/// timeout), then, if it still failed, the dead-letter topic; without a dead-letter topic (or when it cannot be written)
/// the failure goes back to the component, which delivers again as its <see cref="ComponentRedelivery"/> says.
/// </remarks>
public sealed class TopicConsumer(
    Subscription subscription,
    TopicLog log,
    string consumerGroup,
    PubSubComponent component,
    InboundPolicy policy,
    IEventPostman delivery,
    bool followsAppHealth,
    BulkDelivery bulkDelivery,
    EventPublisher publisher,
    AppHealth appHealth,
    StandInMetrics metrics,
    ILogger<TopicConsumer> logger)
{
    // Polling catches appends by other processes; appends in this process wake the consumer at once.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim appended = new(0);
    private readonly Stopwatch sinceCommit = Stopwatch.StartNew();
    private ConsumerGroupOffset offsets = null!;
    private long position;
    private long committed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var membership = await ConsumerGroupMembership.JoinAsync(log.Directory, consumerGroup, logger, cancellationToken).ConfigureAwait(false);
        offsets = new ConsumerGroupOffset(log.Directory, consumerGroup);
        position = offsets.Load();
        committed = position;
        logger.LogInformation(
            "Consuming {Topic} on {PubSub} as group {Group} from offset {Offset}; inbound policy: {Policy}; dead-letter topic {DeadLetter}",
            subscription.Topic, subscription.PubSubName, consumerGroup, position, policy.Description, subscription.DeadLetterTopic ?? "(none)");

        log.Appended += Wake;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var whileHealthy = followsAppHealth ? await appHealth.WhenHealthyAsync(cancellationToken).ConfigureAwait(false) : CancellationToken.None;
                using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, whileHealthy);
                try
                {
                    await ConsumeAsync(running.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (whileHealthy.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("Subscription to {Topic} stopped while the app is unhealthy; it resumes from offset {Offset}", subscription.Topic, position);
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

    private void Wake()
    {
        if (appended.CurrentCount == 0)
        {
            appended.Release();
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await ReadAsync(position, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The next records from <paramref name="from"/>: one without bulkSubscribe; with it, up to
    /// <c>maxMessagesCount</c>, waiting at most <c>maxAwaitDuration</c> after the first one for the bulk to fill.
    /// Empty when the log has nothing new.
    /// </summary>
    private async Task<List<(TopicRecord Record, long Offset, long Next)>> ReadAsync(long from, CancellationToken cancellationToken)
    {
        var batch = new List<(TopicRecord Record, long Offset, long Next)>();
        var limit = subscription.BulkSubscribe?.MaxMessagesCount ?? 1;
        var filling = Stopwatch.StartNew();
        while (batch.Count < limit)
        {
            var next = log.TryRead(from);
            if (next is not null)
            {
                if (batch.Count == 0)
                {
                    filling.Restart();
                }

                batch.Add((next.Value.Record, from, next.Value.Next));
                from = next.Value.Next;
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
    /// One event, as daprd's subscription handler and then the Kafka component treat it: the handler runs (policy, then
    /// dead-letter topic); when it hands the event back, the component delivers it again after its back-off, or gives it up.
    /// </summary>
    private async Task SettleAsync(TopicRecord record, long offset, CancellationToken cancellationToken)
    {
        var cloudEvent = CloudEventOf(record, offset);
        var route = subscription.RouteFor(cloudEvent);
        if (route is null)
        {
            // subscription.go: an event no route matches is acknowledged, and sent to the dead-letter topic when there is one.
            logger.LogWarning("No route of the subscription to {Topic} matches event {Id}: acknowledged{DeadLetter}", subscription.Topic, cloudEvent["id"], DeadLetterNote);
            metrics.Dropped();
            _ = await DeadLetterAsync([record], cancellationToken).ConfigureAwait(false);
            return;
        }

        BackOff? redelivery = null;
        while (!await HandleAsync(record, cloudEvent, route, offset, cancellationToken).ConfigureAwait(false))
        {
            if (!await RedeliverAsync(redelivery ??= component.Redelivery.BackOff.Start(), $"event {cloudEvent["id"]}", cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// daprd's handler for one event (subscription.go): deliveries under the inbound policy, then the dead-letter topic.
    /// </summary>
    /// <returns>True when the event is settled; false when the handler hands it back to the component.</returns>
    private async Task<bool> HandleAsync(TopicRecord record, JsonObject cloudEvent, string route, long offset, CancellationToken cancellationToken)
    {
        var retries = policy.Retry?.Start();
        while (true)
        {
            var (outcome, failedStatus) = await delivery.DeliverAsync(subscription, route, cloudEvent, record, offset, policy.Timeout, cancellationToken).ConfigureAwait(false);
            var permanent = false;
            switch (outcome)
            {
                case DeliveryOutcome.Success:
                    metrics.Delivered();
                    return true;
                case DeliveryOutcome.Drop or DeliveryOutcome.RouteNotFound:
                    // A DROP (or a 404) is settled: dead-lettered when the subscription has a dead-letter topic. When that
                    // cannot be written, the drop is an error the policy may retry.
                    if (subscription.DeadLetterTopic is null || await DeadLetterAsync([record], cancellationToken).ConfigureAwait(false))
                    {
                        logger.LogWarning("The app dropped event {Id} from {Topic}{DeadLetter}", cloudEvent["id"], subscription.Topic, DeadLetterNote);
                        metrics.Dropped();
                        return true;
                    }

                    logger.LogWarning("failed to send dropped message to dead letter queue for topic {Topic}", subscription.Topic);
                    break;
                default:
                    metrics.Retried();
                    // pkg/resiliency/policy.go: a non-2xx answer outside the policy's matching.httpStatusCodes ends the retries.
                    permanent = failedStatus is { } status && policy.Retry is { } retry && !retry.RetriesStatus(status);
                    break;
            }

            if (permanent || retries?.Next() is not { } delay)
            {
                break;
            }

            logger.LogDebug("Event {Id} from {Topic} fails; the inbound policy retries it in {Delay}", cloudEvent["id"], subscription.Topic, delay);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        // subscription.go: the policy is spent and the event still fails: the dead-letter topic, when there is one and
        // it takes the event, settles it; otherwise the error goes back to the component.
        if (subscription.DeadLetterTopic is not null && await DeadLetterAsync([record], cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("Event {Id} from {Topic} failed ({Policy}): sent to dead-letter topic {DeadLetter} and acknowledged", cloudEvent["id"], subscription.Topic, policy.Description, subscription.DeadLetterTopic);
            metrics.Dropped();
            return true;
        }

        return false;
    }

    /// <summary>
    /// The Kafka component's answer to a handler error: wait for its back-off and deliver again, or give the events up
    /// (consumeRetryEnabled false, or its back-off spent), moving on as its consumer does.
    /// </summary>
    /// <returns>True to deliver again.</returns>
    private async Task<bool> RedeliverAsync(BackOff backOff, string what, CancellationToken cancellationToken)
    {
        if (!component.Redelivery.Enabled)
        {
            logger.LogError("Error processing {What} from {Topic}; consumeRetryEnabled is false: the component moves on without it", what, subscription.Topic);
            metrics.Abandoned();
            return false;
        }

        if (backOff.Next() is not { } delay)
        {
            logger.LogError("Too many failed attempts at processing {What} from {Topic}: the component moves on without it", what, subscription.Topic);
            metrics.Abandoned();
            return false;
        }

        logger.LogWarning("Error processing {What} from {Topic}. Retrying in {Delay} (the component's back-off)", what, subscription.Topic, delay);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A bulk, as daprd's bulk handler and then the Kafka component treat it. Where the component delivers the whole
    /// bulk again, the stand-in delivers again only the entries not settled (an inbox recognises the others anyway).
    /// </summary>
    private async Task SettleBulkAsync(List<(TopicRecord Record, long Offset, long Next)> batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<BulkEntry> entries = batch
            .Select(item => new BulkEntry(item.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Record, item.Offset, CloudEventOf(item.Record, item.Offset)))
            .ToList();
        BackOff? redelivery = null;
        while ((entries = await HandleBulkAsync(entries, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            if (!await RedeliverAsync(redelivery ??= component.Redelivery.BackOff.Start(), $"a bulk of {entries.Count} events", cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// daprd's bulk handler (bulksubscription.go, bulkresiliency.go): entries no route matches are acknowledged (and
    /// dead-lettered); the others go per route under the inbound policy, each retry carrying only the entries still
    /// failing; then the failed entries go to the dead-letter topic together, which settles the whole bulk.
    /// </summary>
    /// <returns>The entries handed back to the component, in log order; empty when all are settled.</returns>
    private async Task<IReadOnlyList<BulkEntry>> HandleBulkAsync(IReadOnlyList<BulkEntry> entries, CancellationToken cancellationToken)
    {
        var routes = new Dictionary<string, List<BulkEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (subscription.RouteFor(entry.CloudEvent) is not { } route)
            {
                logger.LogWarning("No route of the subscription to {Topic} matches event {Id}: acknowledged{DeadLetter}", subscription.Topic, entry.CloudEvent["id"], DeadLetterNote);
                metrics.Dropped();
                _ = await DeadLetterAsync([entry.Record], cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!routes.TryGetValue(route, out var routed))
            {
                routes[route] = routed = [];
            }

            routed.Add(entry);
        }

        var failed = new List<BulkEntry>();
        foreach (var (route, routed) in routes)
        {
            IReadOnlyList<BulkEntry> pending = routed;
            var retries = policy.Retry?.Start();
            while (true)
            {
                var outcomes = await bulkDelivery.DeliverAsync(subscription, route, pending, policy.Timeout, cancellationToken).ConfigureAwait(false);
                var failing = new List<BulkEntry>();
                foreach (var entry in pending)
                {
                    switch (outcomes[entry.EntryId])
                    {
                        case DeliveryOutcome.Success:
                            metrics.Delivered();
                            break;
                        case DeliveryOutcome.RouteNotFound:
                            metrics.Dropped();
                            break;
                        case DeliveryOutcome.Drop:
                            // postman/http/http.go: a dropped entry is acknowledged whether or not its dead letter is written.
                            metrics.Dropped();
                            _ = await DeadLetterAsync([entry.Record], cancellationToken).ConfigureAwait(false);
                            break;
                        default:
                            metrics.Retried();
                            failing.Add(entry);
                            break;
                    }
                }

                pending = failing;
                if (pending.Count == 0)
                {
                    break;
                }

                if (retries?.Next() is not { } delay)
                {
                    failed.AddRange(pending);
                    break;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        failed.Sort((left, right) => left.Offset.CompareTo(right.Offset));
        if (failed.Count > 0 && subscription.DeadLetterTopic is not null && await DeadLetterAsync(failed.Select(entry => entry.Record).ToList(), cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("{Count} events of a bulk from {Topic} failed ({Policy}): sent to dead-letter topic {DeadLetter} and acknowledged", failed.Count, subscription.Topic, policy.Description, subscription.DeadLetterTopic);
            failed.ForEach(_ => metrics.Dropped());
            return [];
        }

        return failed;
    }

    private string DeadLetterNote => subscription.DeadLetterTopic is { } topic ? $", sent to dead-letter topic {topic}" : ", with no dead-letter topic";

    /// <summary>Publishes the events, unchanged, to the subscription's dead-letter topic, as the app would publish them.</summary>
    /// <returns>
    /// False when there is no dead-letter topic, or it refuses the app (its publishing scopes; dapr/dapr
    /// pkg/runtime/subscription/subscription.go, sendToDeadLetter publishes through the app's own publisher).
    /// </returns>
    private async Task<bool> DeadLetterAsync(IReadOnlyList<TopicRecord> records, CancellationToken cancellationToken)
    {
        if (subscription.DeadLetterTopic is null)
        {
            return false;
        }

        try
        {
            publisher.EnsurePublishable(subscription.PubSubName, subscription.DeadLetterTopic);
        }
        catch (PublishRefusedException refused)
        {
            logger.LogError("error sending message to dead letter, origin topic: {Topic} dead letter topic {DeadLetter} err: {Message}", subscription.Topic, subscription.DeadLetterTopic, refused.Message);
            return false;
        }

        await publisher.AppendAsync(subscription.PubSubName, subscription.DeadLetterTopic, records, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < records.Count; i++)
        {
            metrics.DeadLettered();
        }

        return true;
    }
}
