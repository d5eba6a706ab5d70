using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.DataProducts.Publishing;
using Microsoft.Extensions.Hosting;

namespace DataMesh.Testing;

/// <summary>
/// Calls a domain service as its Dapr sidecar does: with the app API token (<see cref="AppToken"/>, which
/// <see cref="DomainApiFactory{TProgram}"/> gives the service as its <c>APP_API_TOKEN</c>).
/// </summary>
public static class InputPortDelivery
{
    /// <summary>The app API token of a service hosted by <see cref="DomainApiFactory{TProgram}"/>.</summary>
    public const string AppToken = "domain-tests-app-api-token";

    /// <summary><c>GET /dapr/subscribe</c> as the sidecar asks it.</summary>
    public static async Task<JsonElement> GetDaprSubscriptionsAsync(this HttpClient app)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        request.Headers.Add(MeshHeaders.DaprApiToken, AppToken);
        using var response = await app.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// POSTs a CloudEvent to the route of <paramref name="consumer"/>'s input port <paramref name="inputPort"/>
    /// and answers the status the app gave (SUCCESS, RETRY or DROP).
    /// </summary>
    /// <param name="appToken">The app's token; <see cref="AppToken"/> when null.</param>
    public static async Task<string> DeliverAsync(this HttpClient app, string consumer, string inputPort, string eventId, string source, string eventType, object data, string? appToken = null)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = eventId,
            ["source"] = source,
            ["type"] = eventType,
            ["datacontenttype"] = "application/json",
            ["data"] = JsonSerializer.SerializeToNode(data, JsonSerializerOptions.Web),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/dataproducts/{consumer}/inputs/{inputPort}")
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, CloudEventAttributes.ContentType),
        };
        request.Headers.Add(MeshHeaders.DaprApiToken, appToken ?? AppToken);
        using var response = await app.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }
}
