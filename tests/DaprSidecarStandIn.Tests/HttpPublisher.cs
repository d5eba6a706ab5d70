using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DataMesh.Testing;

namespace DaprSidecarStandIn.Tests;

/// <summary>Publishes through the sidecar's HTTP API (<c>POST /v1.0/publish/{pubsub}/{topic}</c>) as an app without the SDK does.</summary>
internal static class HttpPublisher
{
    /// <summary>Publishes <paramref name="body"/> as <paramref name="contentType"/>, in the trace of <paramref name="traceparent"/> when given; the sidecar must answer 204.</summary>
    public static async Task PublishAsync(StandInSidecar sidecar, string topic, string body, string contentType, string? traceparent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1.0/publish/{PubSubResources.PubSubName}/{topic}")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var response = await sidecar.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
