using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.DataProducts.Publishing;

namespace DataMesh.Testing;

/// <summary>Delivers an upstream event to a domain service as the Dapr sidecar does.</summary>
public static class InputPortDelivery
{
    /// <summary>
    /// POSTs a CloudEvent to the route of <paramref name="consumer"/>'s input port <paramref name="inputPort"/>
    /// and answers the status the app gave (SUCCESS, RETRY or DROP).
    /// </summary>
    public static async Task<string> DeliverAsync(this HttpClient app, string consumer, string inputPort, string eventId, string source, string eventType, object data)
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
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, CloudEventAttributes.ContentType);
        using var response = await app.PostAsync($"/dataproducts/{consumer}/inputs/{inputPort}", content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }
}
