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
    /// Entries that cannot be wrapped come back as failed entries; the others are appended together,
    /// in request order.
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

        var response = new BulkPublishResponse();
        var records = new List<TopicRecord>();
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
            catch (PublishRefusedException refused)
            {
                response.FailedEntries.Add(new BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = refused.Message });
            }
        }

        await publisher.AppendAsync(request.PubsubName, request.Topic, records, context.CancellationToken).ConfigureAwait(false);
        return response;
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
