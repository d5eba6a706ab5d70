using System.Net.Http.Json;
using System.Text.Json;

namespace DataMesh.Testing;

/// <summary>
/// A consumer of the <c>analytics</c> team with an API key and an approved grant for one data product, set up through
/// the gateway's catalog API as a team would: register, issue a key, ask with a purpose, the owner team approves.
/// </summary>
public sealed record GrantedConsumer(string Id, string Key, string KeyId)
{
    /// <param name="gateway">A client of the gateway with a valid key (the catalog's write calls take one).</param>
    public static async Task<GrantedConsumer> CreateAsync(HttpClient gateway, string dataProductId, bool personalData, int? requestsPerSecond = null)
    {
        var id = $"consumer-{Guid.NewGuid():N}"[..24];
        await SendOkAsync(gateway, HttpMethod.Post, "/api/catalog/v1/consumers", new { id, team = "analytics", requestsPerSecond, actor = "datamesh-testing" });
        var key = await SendOkAsync(gateway, HttpMethod.Post, $"/api/catalog/v1/consumers/{id}/keys", new { actor = "datamesh-testing" });
        var request = await SendOkAsync(gateway, HttpMethod.Post, "/api/catalog/v1/access-requests",
            new { dataProductId, consumerId = id, purpose = "Tests and benchmarks of the edge", personalData, actor = "datamesh-testing" });
        var owner = (await gateway.GetFromJsonAsync<JsonElement>($"/api/catalog/v1/products/{dataProductId}")).GetProperty("owner").GetProperty("name").GetString();
        await SendOkAsync(gateway, HttpMethod.Post, $"/api/catalog/v1/access-requests/{request.GetProperty("id").GetString()}/approve",
            new { actor = "datamesh-testing", team = owner });
        return new GrantedConsumer(id, key.GetProperty("key").GetString()!, key.GetProperty("id").GetString()!);
    }

    /// <summary>Sends a JSON body and fails with the answer's status and body unless it succeeded.</summary>
    public static async Task<JsonElement> SendOkAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone()
            : throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
    }
}
