using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using RuntimeClient = Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient;

namespace DataMesh.Catalog.Observations.Streaming;

/// <summary>
/// One streaming subscription kept open: it sends the initial request, hands each event to the handler one at a time, in
/// the order daprd sends them, and answers each. When the sidecar is not up yet, refuses the stream, or ends it, it opens
/// it again after a wait that doubles up to a bound. Disposing it cancels the stream: daprd leaves an event it sent and got
/// no answer for unacknowledged, and delivers it again to the next subscriber (daprd's <c>pkg/api/grpc/subscribe.go</c>).
/// </summary>
internal sealed class TopicSubscription : IAsyncDisposable
{
    private readonly RuntimeClient client;
    private readonly Metadata headers;
    private readonly string pubSubName;
    private readonly string topicName;
    private readonly DaprSubscriptionOptions options;
    private readonly TopicMessageHandler handler;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;

    public TopicSubscription(
        RuntimeClient client, Metadata headers, string pubSubName, string topicName, DaprSubscriptionOptions options, TopicMessageHandler handler, ILogger logger)
    {
        this.client = client;
        this.headers = headers;
        this.pubSubName = pubSubName;
        this.topicName = topicName;
        this.options = options;
        this.handler = handler;
        this.logger = logger;
        running = Task.Run(() => KeepOpenAsync(stopping.Token));
    }

    private async Task KeepOpenAsync(CancellationToken cancellationToken)
    {
        var delay = options.InitialReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await StreamAsync(cancellationToken))
                {
                    // It was open: a stream that ends after that (daprd restarting) is reopened briskly.
                    delay = options.InitialReconnectDelay;
                }

                logger.LogInformation("The sidecar ended the subscription to {Topic}; opening it again.", topicName);
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is OperationCanceledException or RpcException)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not keep the subscription to {Topic} on {PubSub} open, trying again in {Delay}: {Error}",
                    topicName, pubSubName, delay, exception.Message);
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaximumReconnectDelay.Ticks));
        }
    }

    /// <summary>One stream, from the initial request until it ends; whether daprd confirmed it.</summary>
    private async Task<bool> StreamAsync(CancellationToken cancellationToken)
    {
        using var call = client.SubscribeTopicEventsAlpha1(headers, cancellationToken: cancellationToken);
        var initial = new SubscribeTopicEventsRequestInitialAlpha1
        {
            PubsubName = pubSubName,
            Topic = topicName,
            DeadLetterTopic = options.DeadLetterTopic ?? string.Empty,
        };
        foreach (var (key, value) in options.Metadata)
        {
            initial.Metadata.Add(key, value);
        }

        await call.RequestStream.WriteAsync(new SubscribeTopicEventsRequestAlpha1 { InitialRequest = initial }, cancellationToken);

        var opened = false;
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (response.InitialResponse is not null)
            {
                opened = true;
                logger.LogInformation("Subscribed to {Topic} on {PubSub}.", topicName, pubSubName);
                continue;
            }

            if (response.EventMessage is not { } message)
            {
                continue;
            }

            var action = await handler(ToMessage(message), cancellationToken);
            await call.RequestStream.WriteAsync(new SubscribeTopicEventsRequestAlpha1
            {
                EventProcessed = new SubscribeTopicEventsRequestProcessedAlpha1
                {
                    Id = message.Id,
                    Status = new TopicEventResponse { Status = Status(action) },
                },
            }, cancellationToken);
        }

        return opened;
    }

    private static TopicMessage ToMessage(TopicEventRequest message) =>
        new(message.Id, message.Source, message.Type, message.SpecVersion, message.DataContentType, message.Topic, message.PubsubName)
        {
            Data = message.Data.Memory,
            Path = message.Path,
            Extensions = message.Extensions?.Fields.ToDictionary(field => field.Key, field => field.Value) ?? [],
        };

    private static TopicEventResponse.Types.TopicEventResponseStatus Status(TopicResponseAction action) => action switch
    {
        TopicResponseAction.Success => TopicEventResponse.Types.TopicEventResponseStatus.Success,
        TopicResponseAction.Retry => TopicEventResponse.Types.TopicEventResponseStatus.Retry,
        TopicResponseAction.Drop => TopicEventResponse.Types.TopicEventResponseStatus.Drop,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an answer daprd knows"),
    };

    /// <summary>Cancels the stream and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync();
        await running;
        stopping.Dispose();
    }
}
