using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using DaprSidecarStandIn.RuntimeApi;

namespace DaprSidecarStandIn;

/// <summary>
/// The gRPC Dapr runtime API (<c>dapr.proto.runtime.v1.Dapr</c>) as far as the mesh uses it: publishing, and streaming
/// subscriptions (<see cref="TopicEventsStream"/>).
/// Every other method of the API answers Unimplemented, which ASP.NET Core gRPC does for methods a
/// service does not map.
/// </summary>
public sealed class DaprRuntimeApi(DaprdCommandLine commandLine, EventPublisher publisher, TopicEventsStream topicEvents, ILogger<DaprRuntimeApi> logger) : RuntimeApi.Dapr.DaprBase
{
    public override Task SubscribeTopicEventsAlpha1(
        IAsyncStreamReader<SubscribeTopicEventsRequestAlpha1> requestStream,
        IServerStreamWriter<SubscribeTopicEventsResponseAlpha1> responseStream,
        ServerCallContext context) =>
        topicEvents.ServeAsync(requestStream, responseStream, context);

    public override async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        try
        {
            await publisher.PublishAsync(ToEvent(request.PubsubName, request.Topic, request.Data.ToByteArray(), request.DataContentType, request.Metadata, context), context.CancellationToken).ConfigureAwait(false);
            return new Empty();
        }
        catch (PublishRefusedException refused)
        {
            logger.LogWarning("Publish to {Topic} on {PubSub} refused: {Message}", request.Topic, request.PubsubName, refused.Message);

            throw ToRpcException(refused);
        }
    }

    public override Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublish(request, context);

    public override Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublish(request, context);

    /// <summary>
    /// A bulk publish as daprd v1.18 does it with the Kafka component (dapr/dapr <c>pkg/api/grpc/grpc.go</c>,
    /// <c>bulkPublishEvent</c>; components-contrib <c>common/component/kafka/producer.go</c>, <c>BulkPublish</c>): an entry
    /// that cannot be made a CloudEvent fails the whole call before anything is written; otherwise the entries the
    /// producer takes are written and, when it refuses any (over <c>maxMessageBytes</c>), the call as a whole fails
    /// with Internal (sarama's <c>kafka: Failed to deliver N messages.</c>) and names no entry.
    /// </summary>
    private async Task<BulkPublishResponse> BulkPublish(BulkPublishRequest request, ServerCallContext context)
    {
        try
        {
            publisher.EnsurePublishable(request.PubsubName, request.Topic);
        }
        catch (PublishRefusedException refused)
        {
            logger.LogWarning("Bulk publish to {Topic} on {PubSub} refused: {Message}", request.Topic, request.PubsubName, refused.Message);
            throw ToRpcException(refused);
        }

        var records = new List<TopicRecord>();
        var refusedCount = 0;
        foreach (var entry in request.Entries)
        {
            var metadata = new Dictionary<string, string>(request.Metadata);
            foreach (var (key, value) in entry.Metadata)
            {
                metadata[key] = value;
            }

            try
            {
                records.Add(publisher.ToRecord(ToEvent(request.PubsubName, request.Topic, entry.Event.ToByteArray(), entry.ContentType, metadata, context)));
            }
            catch (PublishRefusedException refused) when (refused.ErrorCode == "ERR_PUBSUB_PUBLISH_MESSAGE")
            {
                logger.LogWarning("Bulk publish entry {EntryId} to {Topic} refused: {Message}", entry.EntryId, request.Topic, refused.Message);
                refusedCount++;
            }
            catch (PublishRefusedException refused)
            {
                logger.LogWarning("Bulk publish to {Topic} on {PubSub} refused: {Message}", request.Topic, request.PubsubName, refused.Message);
                throw ToRpcException(refused);
            }
        }

        await publisher.AppendAsync(request.PubsubName, request.Topic, records, context.CancellationToken).ConfigureAwait(false);
        if (refusedCount > 0)
        {
            throw ToRpcException(new PublishRefusedException(
                "ERR_PUBSUB_PUBLISH_MESSAGE",
                $"error when publishing to topic {request.Topic} in pubsub {request.PubsubName}: kafka: Failed to deliver {refusedCount} messages."));
        }

        return new BulkPublishResponse();
    }

    /// <summary>
    /// daprd answers a broker's refusal with Internal, a topic outside the app's scopes with PermissionDenied
    /// (dapr/dapr pkg/api/errors/pubsub.go PublishForbidden), a bad request with InvalidArgument.
    /// </summary>
    private static RpcException ToRpcException(PublishRefusedException refused) => new(new Status(
        refused.ErrorCode switch
        {
            "ERR_PUBSUB_PUBLISH_MESSAGE" => StatusCode.Internal,
            EventPublisher.Forbidden => StatusCode.PermissionDenied,
            _ => StatusCode.InvalidArgument,
        },
        refused.Message));

    private PublishedEvent ToEvent(string pubsub, string topic, byte[] data, string contentType, IDictionary<string, string> metadata, ServerCallContext context) =>
        new(
            commandLine.AppId,
            pubsub,
            topic,
            data,
            string.IsNullOrEmpty(contentType) ? null : contentType,
            new Dictionary<string, string>(metadata),
            context.RequestHeaders.GetValue("traceparent"),
            context.RequestHeaders.GetValue("tracestate"));
}
