using DaprSidecarStandIn.RuntimeApi;
using Grpc.Core;
using Microsoft.Extensions.Hosting;

namespace DaprSidecarStandIn;

/// <summary>
/// Serves <c>SubscribeTopicEventsAlpha1</c>, daprd's streaming subscription (dapr/dapr <c>pkg/api/grpc/subscribe.go</c>;
/// <c>pkg/runtime/processor/subscriber/subscriber.go</c>, <c>StartStreamerSubscription</c>): the first message names
/// the pub/sub, the topic, metadata and an optional dead-letter topic; the stream then receives that topic's events,
/// through the same consumer as a subscription of the app (consumer group, offsets, order, inbound policy, dead
/// letters, the component's redelivery), with <c>/</c> as its only route and without following the app's health. Its
/// answers settle them as an HTTP app's answers do. When the stream ends the topic is unsubscribed
/// (<see cref="TopicHandlers"/>): the event at hand stays unsettled and a new stream resumes from the committed offset.
/// </summary>
public sealed class TopicEventsStream(
    DaprdCommandLine commandLine,
    PubSubBroker broker,
    InboundPolicies policies,
    TopicHandlers handlers,
    StreamingSubscriptions streams,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<TopicEventsStream> logger)
{
    /// <summary>The only route of a streaming subscription (compstore <c>AddStreamSubscription</c>).</summary>
    public const string Route = "/";

    public async Task ServeAsync(
        IAsyncStreamReader<SubscribeTopicEventsRequestAlpha1> requests,
        IServerStreamWriter<SubscribeTopicEventsResponseAlpha1> responses,
        ServerCallContext context)
    {
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        // subscribe.go: errors daprd returns as plain Go errors reach the client as Unknown with their text.
        if (!await requests.MoveNext(open.Token).ConfigureAwait(false))
        {
            throw Unknown("EOF");
        }

        var initial = requests.Current.InitialRequest ?? throw Unknown("initial request is required");
        if (initial.PubsubName.Length == 0)
        {
            throw Unknown("pubsubName is required");
        }

        if (initial.Topic.Length == 0)
        {
            throw Unknown("topic is required");
        }

        if (!broker.TryGetComponent(initial.PubsubName, out var component))
        {
            // pkg/api/errors/pubsub.go, NotFound.
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"pubsub {initial.PubsubName} is not found"));
        }

        // pkg/runtime/subscription/subscription.go, New: the subscription scopes, wrapped by StartStreamerSubscription.
        if (!component.ScopesFor(commandLine.AppId).MaySubscribe(initial.Topic))
        {
            logger.LogWarning("Streaming subscription to {Topic} on {PubSub} refused: outside the app's subscription scope", initial.Topic, initial.PubsubName);
            throw Unknown($"failed to create subscription for {initial.PubsubName}: subscription to topic '{initial.Topic}' on pubsub '{initial.PubsubName}' is not allowed");
        }

        var subscription = new Subscription(
            initial.PubsubName,
            initial.Topic,
            [],
            Route,
            initial.HasDeadLetterTopic && initial.DeadLetterTopic.Length > 0 ? initial.DeadLetterTopic : null,
            new Dictionary<string, string>(initial.Metadata, StringComparer.Ordinal),
            BulkSubscribe: null);
        var postman = new StreamPostman(responses, logger);
        await postman.SendAsync(new SubscribeTopicEventsResponseAlpha1 { InitialResponse = new SubscribeTopicEventsResponseInitialAlpha1() }, open.Token).ConfigureAwait(false);

        var connectionId = streams.Add(subscription);
        logger.LogInformation(
            "Subscribing to pubsub '{PubSub}' topic '{Topic}' ConnectionID {ConnectionId}, dead-letter topic {DeadLetter}",
            subscription.PubSubName, subscription.Topic, connectionId, subscription.DeadLetterTopic ?? "(none)");
        var consumer = ActivatorUtilities.CreateInstance<TopicConsumer>(
            services, subscription, broker.Log(subscription.PubSubName, subscription.Topic), component.ConsumerGroupFor(commandLine.AppId),
            component, policies.For(subscription.PubSubName), (IEventPostman)postman, false);
        var consuming = handlers.Subscribe(subscription.PubSubName, subscription.Topic, consumer.RunAsync, open.Token);
        RpcException? ending = null;
        try
        {
            while (await requests.MoveNext(open.Token).ConfigureAwait(false))
            {
                if (requests.Current.EventProcessed is not { } processed)
                {
                    ending = Unknown("duplicate initial request received");
                    break;
                }

                postman.Processed(processed);
            }

            // The client closed its side: daprd's receive loop ends with io.EOF, which is what the call returns.
            ending ??= Unknown("EOF");
        }
        catch (Exception exception) when (open.IsCancellationRequested && exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client went away, or the sidecar is stopping.
        }
        finally
        {
            logger.LogInformation("Unsubscribed from pubsub '{PubSub}' topic '{Topic}' ConnectionID {ConnectionId}", subscription.PubSubName, subscription.Topic, connectionId);
            streams.Remove(connectionId);
            await handlers.UnsubscribeAsync(subscription.PubSubName, subscription.Topic).ConfigureAwait(false);
            await consuming.ConfigureAwait(false);
        }

        throw ending ?? Unknown("stream closed");
    }

    private static RpcException Unknown(string message) => new(new Status(StatusCode.Unknown, message));
}
