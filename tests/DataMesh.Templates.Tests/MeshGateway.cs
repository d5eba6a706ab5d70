using System.Net.Http.Json;
using System.Text.Json;

namespace DataMesh.Templates.Tests;

/// <summary>A client of the forked mesh's gateway, its one public entry.</summary>
/// <param name="teamKeys">Per domain, its team's key: a domain's API answers its own team.</param>
public sealed class MeshGateway(Uri address, IReadOnlyDictionary<string, string> teamKeys) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The one place that builds a request to a domain's API through the gateway, with the domain team's key.</summary>
    public HttpRequestMessage DomainRequest(HttpMethod method, string domain, string path = "") =>
        new(method, $"/api/{domain}/{path}") { Headers = { { "X-Api-Key", teamKeys[domain] } } };

    /// <summary>The domain's answer, or null while the gateway cannot reach it (not started, not routed yet).</summary>
    public async Task<HttpResponseMessage?> SendToDomainAsync(string domain, string path = "")
    {
        using var request = DomainRequest(HttpMethod.Get, domain, path);
        try
        {
            return await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>A discovery GET of the catalog's API, which is anonymous.</summary>
    public async Task<JsonElement?> CatalogAsync(string path)
    {
        try
        {
            using var response = await http.GetAsync($"/api/catalog/v1/{path}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
