using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Follows one topic log for one subscription of the app, in log order, one event at a time: the next
/// event waits until the current one is settled (acknowledged, dropped or dead-lettered), which keeps the
/// order per partition key. The group's offset moves only past settled events (at-least-once).
/// </summary>
public sealed class TopicConsumer(
    Subscription subscription,
    TopicLog log,
    string consumerGroup,
    EventDelivery delivery,
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
                var next = log.TryRead(position);
                if (next is null)
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

                await SettleAsync(next.Value.Record, position, cancellationToken).ConfigureAwait(false);
                position = next.Value.Next;
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

    private async Task SettleAsync(TopicRecord record, long offset, CancellationToken cancellationToken)
    {
        var cloudEvent = record.IsCloudEvent
            ? JsonNode.Parse(record.Payload) as JsonObject ?? []
            : CloudEventEnvelope.ForRawPayload(record, $"{subscription.PubSubName}-{subscription.Topic}-{offset}", subscription.Topic, subscription.PubSubName);
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
                case DeliveryOutcome.Drop:
                    metrics.Dropped();
                    await DeadLetterAsync(record, cloudEvent, cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    metrics.Retried();
                    await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                    break;
            }
        }
    }

    private async Task DeadLetterAsync(TopicRecord record, JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        if (subscription.DeadLetterTopic is null)
        {
            logger.LogWarning("The app dropped event {Id} from {Topic}; no dead-letter topic", cloudEvent["id"], subscription.Topic);
            return;
        }

        await publisher.AppendAsync(subscription.PubSubName, subscription.DeadLetterTopic, [record], cancellationToken).ConfigureAwait(false);
        metrics.DeadLettered();
        logger.LogInformation("The app dropped event {Id} from {Topic}: sent to dead-letter topic {DeadLetter}", cloudEvent["id"], subscription.Topic, subscription.DeadLetterTopic);
    }
}
