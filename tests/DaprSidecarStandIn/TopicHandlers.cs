namespace DaprSidecarStandIn;

/// <summary>
/// The pub/sub component's table of what this app consumes: one handler per topic, as daprd's Kafka component keeps
/// it (components-contrib <c>common/component/kafka/subscriber.go</c>, <c>Subscribe</c>: <c>subscribeTopics[topic] =
/// handler</c>, and on the subscription's end <c>delete(subscribeTopics, topic)</c>). Every subscription of the app,
/// from <c>/dapr/subscribe</c> or a <c>SubscribeTopicEventsAlpha1</c> stream, goes through it, so that:
/// <list type="bullet">
/// <item>a second subscription to a topic already consumed takes the topic over: the running consumer stops (its event
/// at hand unsettled, its offset committed) and the new one resumes from the group's committed offset;</item>
/// <item>when any subscription of a topic ends, the topic is no longer consumed by this app, whichever subscription
/// took it last, until something subscribes to it again.</item>
/// </list>
/// </summary>
public sealed class TopicHandlers(ILogger<TopicHandlers> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string PubSub, string Topic), Handler> handlers = [];

    /// <summary>
    /// Makes <paramref name="consume"/> the topic's handler, after the one it replaces has stopped.
    /// </summary>
    /// <param name="consume">Consumes the topic until its token is cancelled.</param>
    /// <returns>Completes when this handler stops: replaced, unsubscribed or <paramref name="stoppingToken"/> cancelled.</returns>
    public Task Subscribe(string pubsubName, string topic, Func<CancellationToken, Task> consume, CancellationToken stoppingToken)
    {
        lock (gate)
        {
            handlers.TryGetValue((pubsubName, topic), out var replaced);
            if (replaced is not null)
            {
                logger.LogWarning(
                    "A new subscription to {Topic} on {PubSub} replaces the running one: the component keeps one handler per topic",
                    topic, pubsubName);
                replaced.Stop.Cancel();
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var handler = new Handler(stop, Task.Run(() => RunAsync(replaced?.Consumer, consume, stop.Token), CancellationToken.None));
            handlers[(pubsubName, topic)] = handler;
            return handler.Consumer;
        }
    }

    /// <summary>
    /// Ends consumption of the topic by this app, whichever subscription holds it, and waits until it has stopped.
    /// </summary>
    public async Task UnsubscribeAsync(string pubsubName, string topic)
    {
        Handler? handler;
        lock (gate)
        {
            if (handlers.Remove((pubsubName, topic), out handler))
            {
                handler.Stop.Cancel();
            }
        }

        if (handler is not null)
        {
            logger.LogInformation("Unsubscribed from {Topic} on {PubSub}: this app no longer consumes it", topic, pubsubName);
            await handler.Consumer.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(Task? replaced, Func<CancellationToken, Task> consume, CancellationToken stopToken)
    {
        // The replaced consumer commits its offset and leaves the group before this one reads them.
        if (replaced is not null)
        {
            await replaced.ConfigureAwait(false);
        }

        try
        {
            if (!stopToken.IsCancellationRequested)
            {
                await consume(stopToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            // Replaced, unsubscribed or shut down: the event at hand stays unsettled for the next consumer.
        }
    }

    private sealed record Handler(CancellationTokenSource Stop, Task Consumer);
}
