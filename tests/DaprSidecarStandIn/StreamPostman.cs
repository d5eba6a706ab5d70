using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DaprSidecarStandIn.RuntimeApi;
using Grpc.Core;
using EventStatus = DaprSidecarStandIn.RuntimeApi.TopicEventResponse.Types.TopicEventResponseStatus;

namespace DaprSidecarStandIn;

/// <summary>
/// Delivers events down one <c>SubscribeTopicEventsAlpha1</c> stream and reads the client's answers, as daprd's streaming
/// postman does (dapr/dapr <c>pkg/runtime/subscription/postman/streaming/streaming.go</c>; <c>pkg/runtime/pubsub/streamer</c>,
/// <c>Publish</c> and <c>conn.go</c>): the event goes out as an <c>event_message</c>, and the delivery waits for the
/// <c>event_processed</c> with its id. <c>SUCCESS</c> (also an answer without a status) acknowledges, <c>DROP</c> drops,
/// <c>RETRY</c> or an unknown status is a failed attempt, as is an event that cannot be sent.
/// </summary>
public sealed class StreamPostman(IServerStreamWriter<SubscribeTopicEventsResponseAlpha1> responses, ILogger logger) : IEventPostman
{
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<EventStatus>> awaiting = new(StringComparer.Ordinal);

    /// <summary>Writes one message to the stream; gRPC takes one write at a time.</summary>
    public async Task SendAsync(SubscribeTopicEventsResponseAlpha1 message, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await responses.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>The client's answer for one event; an id no delivery waits for is logged and ignored, as daprd does.</summary>
    public void Processed(SubscribeTopicEventsRequestProcessedAlpha1 processed)
    {
        if (awaiting.TryGetValue(processed.Id, out var answer))
        {
            answer.TrySetResult(processed.Status?.Status ?? EventStatus.Success);
            return;
        }

        logger.LogError("no client stream expecting publish response for id {Id}", processed.Id);
    }

    public async Task<(DeliveryOutcome Outcome, int? FailedStatus)> DeliverAsync(
        Subscription subscription, string route, JsonObject cloudEvent, TopicRecord record, long offset, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        TopicEventRequest message;
        try
        {
            message = TopicEventMessage.From(cloudEvent, subscription, route);
        }
        catch (FormatException exception)
        {
            logger.LogWarning("error returned from app while processing pub/sub event {Id}: {Message}: a retriable error", cloudEvent["id"], exception.Message);
            return (DeliveryOutcome.Retry, null);
        }

        var answer = new TaskCompletionSource<EventStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        awaiting[message.Id] = answer;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            attempt.CancelAfter(limit);
        }

        try
        {
            await SendAsync(new SubscribeTopicEventsResponseAlpha1 { EventMessage = message }, attempt.Token).ConfigureAwait(false);
            return await answer.Task.WaitAsync(attempt.Token).ConfigureAwait(false) switch
            {
                EventStatus.Success => (DeliveryOutcome.Success, null),
                EventStatus.Drop => Dropped(message),
                EventStatus.Retry => (DeliveryOutcome.Retry, null),
                var unknown => Unknown(message, unknown),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Event {Id} for {Topic} got no answer on its stream within {Timeout} (the resiliency policy's timeout): a retriable error", message.Id, subscription.Topic, timeout);
            return (DeliveryOutcome.Retry, null);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("error returned from app while processing pub/sub event {Id}: {Message}: a retriable error", message.Id, exception.Message);
            return (DeliveryOutcome.Retry, null);
        }
        finally
        {
            awaiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<EventStatus>>(message.Id, answer));
        }
    }

    private (DeliveryOutcome, int?) Dropped(TopicEventRequest message)
    {
        logger.LogWarning("DROP status returned from app while processing pub/sub event {Id}", message.Id);
        return (DeliveryOutcome.Drop, null);
    }

    private (DeliveryOutcome, int?) Unknown(TopicEventRequest message, EventStatus status)
    {
        logger.LogWarning("unknown status returned from app while processing pub/sub event {Id}, status: {Status}: a retry", message.Id, status);
        return (DeliveryOutcome.Retry, null);
    }
}
