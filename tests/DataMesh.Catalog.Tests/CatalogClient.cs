using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Api;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Tests;

/// <summary>Calls of the catalog API that tests make to set the scene, each asserting success.</summary>
internal static class CatalogClient
{
    /// <summary>Registers as the request's domain, with its credential.</summary>
    public static async Task RegisterAsync(this CatalogHost catalog, CatalogRegistrationRequest request) =>
        await catalog.ServiceClient(request.Domain).SendOkAsync(HttpMethod.Post, "registrations", request);

    public static async Task<JsonElement> SendOkAsync(this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var message = new HttpRequestMessage(method, $"{CatalogApi.Prefix}/{path}") { Content = body is null ? null : JsonContent.Create(body) };
        var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
