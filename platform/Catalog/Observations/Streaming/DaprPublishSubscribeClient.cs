using Dapr;
using DataMesh.DataProducts.Publishing;
using Grpc.Core;
using Grpc.Net.Client;
using RuntimeClient = Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient;

namespace DataMesh.Catalog.Observations.Streaming;

/// <summary>
/// Dapr's streaming subscriptions (<c>SubscribeTopicEventsAlpha1</c>, Dapr 1.14 and later) through the runtime API's
/// generated client in Dapr.Protos. It has the shape of Dapr.Messaging's <c>DaprPublishSubscribeClient.SubscribeAsync</c>,
/// which is not served here, so the catalog can swap this class for that package; unlike it, each subscription keeps
/// itself open (<see cref="TopicSubscription"/>).
/// </summary>
public sealed class DaprPublishSubscribeClient : IDisposable
{
    private readonly Lazy<GrpcChannel> channel;
    private readonly Metadata headers = [];
    private readonly ILoggerFactory loggers;

    /// <summary>Finds the sidecar and its API token as the Dapr SDK does: <c>DAPR_GRPC_ENDPOINT</c> / <c>DAPR_GRPC_PORT</c> and <c>DAPR_API_TOKEN</c>.</summary>
    public DaprPublishSubscribeClient(IConfiguration configuration, ILoggerFactory loggers)
    {
        this.loggers = loggers;
        var endpoint = DaprDefaults.GetDefaultGrpcEndpoint(configuration);
        channel = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(endpoint, SidecarPublisher.ChannelOptions));
        if (DaprDefaults.GetDefaultDaprApiToken(configuration) is { Length: > 0 } token)
        {
            headers.Add(MeshHeaders.DaprApiToken, token);
        }
    }

    /// <summary>
    /// Subscribes <paramref name="messageHandler"/> to <paramref name="topicName"/> of <paramref name="pubSubName"/> and returns
    /// at once: the stream opens, and reopens, in the background until the returned subscription is disposed.
    /// </summary>
    public Task<IAsyncDisposable> SubscribeAsync(
        string pubSubName, string topicName, DaprSubscriptionOptions options, TopicMessageHandler messageHandler, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var subscription = new TopicSubscription(
            new RuntimeClient(channel.Value), headers, pubSubName, topicName, options, messageHandler, loggers.CreateLogger<TopicSubscription>());
        return Task.FromResult<IAsyncDisposable>(subscription);
    }

    public void Dispose()
    {
        if (channel.IsValueCreated)
        {
            channel.Value.Dispose();
        }
    }
}
