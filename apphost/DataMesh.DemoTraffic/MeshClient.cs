using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DataMesh.DemoTraffic;

/// <summary>
/// The mesh's public API as a user reaches it: through the gateway only, with the API key of the team of the domain
/// it calls. Every command carries an Idempotency-Key and every update the If-Match of the version it read, as a
/// careful client would.
/// </summary>
public sealed class MeshClient(HttpClient http, IOptions<DemoTrafficOptions> options)
{
    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        (await GetWithVersionAsync(path, cancellationToken)).Body;

    /// <returns>The resource and its ETag.</returns>
    public async Task<(JsonElement Body, EntityTagHeaderValue? ETag)> GetWithVersionAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Keyed(new HttpRequestMessage(HttpMethod.Get, path)), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken), response.Headers.ETag);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken, EntityTagHeaderValue? ifMatch = null)
    {
        var request = Keyed(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return http.SendAsync(request, cancellationToken);
    }

    /// <summary>With the key of the team of the domain the path leads to (<c>/api/{domain}/…</c>), when there is one.</summary>
    private HttpRequestMessage Keyed(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", var domain, ..] && options.Value.TeamKeys.TryGetValue(domain, out var key))
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}
