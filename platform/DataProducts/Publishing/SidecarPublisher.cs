using Dapr;
using Dapr.Client;
using DataMesh.DataProducts.Registration;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using BulkPublishRequest = Dapr.Client.Autogen.Grpc.v1.BulkPublishRequest;
using BulkPublishRequestEntry = Dapr.Client.Autogen.Grpc.v1.BulkPublishRequestEntry;
using RuntimeClient = Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Hands outbox events to the Dapr sidecar: one <c>PublishEvent</c> per event through <see cref="DaprClient"/>, or
/// many in one <c>BulkPublishEvent</c> call of Dapr's runtime API.
/// </summary>
/// <remarks>
/// The bulk call goes through the runtime API's generated client (Dapr.Protos, which the Dapr SDK ships and uses
/// itself) rather than <see cref="DaprClient.BulkPublishEventAsync{TValue}"/>: the SDK method sends every entry with
/// empty metadata, so each event could not carry its own partition key, and it only marks the SDK's own
/// <c>CloudEvent</c> type as <c>application/cloudevents+json</c>, which has no <c>id</c> to keep across resends.
/// </remarks>
public sealed class SidecarPublisher : IDisposable
{
    /// <summary>
    /// gRPC's default reconnect backoff grows to two minutes, which would hold the relay back long after its
    /// sidecar is up again; the relay has its own retry schedule, so the channels retry briskly.
    /// </summary>
    public static readonly GrpcChannelOptions ChannelOptions = new()
    {
        InitialReconnectBackoff = TimeSpan.FromMilliseconds(200),
        MaxReconnectBackoff = TimeSpan.FromSeconds(2),
    };

    private readonly DaprClient dapr;
    private readonly DataProductsOptions options;
    private readonly Lazy<GrpcChannel> channel;
    private readonly Metadata headers = [];
    private bool alpha1Only;

    public SidecarPublisher(DaprClient dapr, DataProductsOptions options, IConfiguration configuration)
    {
        this.dapr = dapr;
        this.options = options;

        // The same endpoint and API token the DaprClient resolves (DAPR_GRPC_ENDPOINT / DAPR_GRPC_PORT, DAPR_API_TOKEN).
        var endpoint = DaprDefaults.GetDefaultGrpcEndpoint(configuration);
        channel = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(endpoint, ChannelOptions));
        if (DaprDefaults.GetDefaultDaprApiToken(configuration) is { Length: > 0 } token)
        {
            headers.Add(MeshHeaders.DaprApiToken, token);
        }
    }

    /// <summary>Publishes one event; throws when the sidecar did not accept it.</summary>
    internal Task PublishAsync(OutboxCloudEvent cloudEvent, CancellationToken cancellationToken) =>
        dapr.PublishByteEventAsync(options.PubSubName, cloudEvent.Row.Topic, cloudEvent.Envelope, CloudEventAttributes.ContentType, cloudEvent.Metadata, cancellationToken);

    /// <summary>
    /// Publishes events of one topic in one bulk call. Bulk publishing is not transactional: the answer lists the
    /// entries the sidecar or broker refused, and every other entry was accepted.
    /// </summary>
    /// <returns>The refused events' ids with the sidecar's error; empty when all were accepted.</returns>
    /// <exception cref="RpcException">The call as a whole failed (sidecar down, pub/sub unknown): none was accepted.</exception>
    internal async Task<IReadOnlyDictionary<Guid, string>> PublishBulkAsync(string topic, IReadOnlyList<OutboxCloudEvent> cloudEvents, CancellationToken cancellationToken)
    {
        var request = new BulkPublishRequest { PubsubName = options.PubSubName, Topic = topic };
        foreach (var cloudEvent in cloudEvents)
        {
            var entry = new BulkPublishRequestEntry
            {
                EntryId = cloudEvent.Row.Id.ToString(),
                Event = ByteString.CopyFrom(cloudEvent.Envelope),
                ContentType = CloudEventAttributes.ContentType,
            };
            entry.Metadata.Add(cloudEvent.Metadata);
            request.Entries.Add(entry);
        }

        var client = new RuntimeClient(channel.Value);
        Dapr.Client.Autogen.Grpc.v1.BulkPublishResponse response;
        if (!alpha1Only)
        {
            try
            {
                response = await client.BulkPublishEventAsync(request, headers, cancellationToken: cancellationToken);
                return Failed(response);
            }
            catch (RpcException unimplemented) when (unimplemented.StatusCode == StatusCode.Unimplemented)
            {
                // daprd before BulkPublishEvent left alpha has only the Alpha1 method.
                alpha1Only = true;
            }
        }

        // Obsolete in the protos, yet older daprd releases have only this bulk method (the SDK falls back the same way).
#pragma warning disable CS0612
        response = await client.BulkPublishEventAlpha1Async(request, headers, cancellationToken: cancellationToken);
#pragma warning restore CS0612
        return Failed(response);
    }

    public void Dispose()
    {
        if (channel.IsValueCreated)
        {
            channel.Value.Dispose();
        }
    }

    private static Dictionary<Guid, string> Failed(Dapr.Client.Autogen.Grpc.v1.BulkPublishResponse response) =>
        response.FailedEntries.ToDictionary(
            failed => Guid.TryParse(failed.EntryId, out var id) ? id : throw new InvalidOperationException($"The sidecar named an unknown bulk entry '{failed.EntryId}' as failed."),
            failed => failed.Error);
}
