using System.Net.Http.Headers;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// Publishes through the catalog's own sidecar (daprd's HTTP publish API) with <c>Content-Type:
/// application/cloudevents+json</c>: daprd then keeps the publisher's CloudEvent, its id above all, rather than wrapping
/// it in a new one (dapr/dapr <c>pkg/runtime/pubsub/cloudevents.go</c>), so the consumer's inbox knows a second replay.
/// </summary>
public sealed class SidecarReplaySender(HttpClient http, IConfiguration configuration) : IDeadLetterReplaySender
{
    public const string HttpClientName = "catalog-sidecar";

    public async Task SendAsync(string replayTopic, string cloudEvent, CancellationToken cancellationToken)
    {
        var endpoint = configuration["DAPR_HTTP_ENDPOINT"] ?? $"http://127.0.0.1:{configuration["DAPR_HTTP_PORT"] ?? "3500"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint.TrimEnd('/')}/v1.0/publish/{DataProductsOptions.MeshPubSubName}/{Uri.EscapeDataString(replayTopic)}")
        {
            Content = new StringContent(cloudEvent, MediaTypeHeaderValue.Parse(CloudEventAttributes.ContentType)),
        };
        if (configuration[MeshCredentials.DaprApiTokenVariable] is { Length: > 0 } token)
        {
            request.Headers.Add(MeshHeaders.DaprApiToken, token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
