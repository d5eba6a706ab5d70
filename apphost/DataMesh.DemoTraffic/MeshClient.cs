using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataMesh.DemoTraffic;

/// <summary>
/// The mesh's public API as a user reaches it: through the gateway only. Every command carries an
/// Idempotency-Key and every update the If-Match of the version it read, as a careful client would.
/// </summary>
public sealed class MeshClient(HttpClient http)
{
    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<JsonElement>(path, cancellationToken);

    /// <returns>The resource and its ETag.</returns>
    public async Task<(JsonElement Body, EntityTagHeaderValue? ETag)> GetWithVersionAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken), response.Headers.ETag);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken, EntityTagHeaderValue? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return http.SendAsync(request, cancellationToken);
    }
}
