using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataMesh.Testing;

/// <summary>
/// A consumer of the <c>analytics</c> team with an API key and an approved grant for one data product, set up as the
/// platform would: an administrator keeps the team (it owns no product), registers the consumer with its rate, issues
/// its key and asks with a purpose; the product's owner team approves through the gateway with its own key.
/// </summary>
public sealed record GrantedConsumer(string Id, string Key, string KeyId)
{
    public const string Team = "analytics";

    /// <param name="administrator">A client of the catalog signed in as a platform administrator (<see cref="MeshAdministrator"/>).</param>
    /// <param name="ownerTeam">A client of the gateway with a key of the product's owner team.</param>
    public static async Task<GrantedConsumer> CreateAsync(
        HttpClient administrator, HttpClient ownerTeam, string dataProductId, bool personalData, int? requestsPerSecond = null)
    {
        var id = await RegisterAsync(administrator, requestsPerSecond);
        var key = await SendOkAsync(administrator, HttpMethod.Post, $"/api/catalog/v1/consumers/{id}/keys", new { });
        await GrantAsync(administrator, ownerTeam, id, dataProductId, personalData);
        return new GrantedConsumer(id, key.GetProperty("key").GetString()!, key.GetProperty("id").GetString()!);
    }

    /// <summary>A new consumer of the <see cref="Team"/> team (kept once per mesh), with neither key nor grant; answers its id.</summary>
    public static async Task<string> RegisterAsync(HttpClient administrator, int? requestsPerSecond = null)
    {
        using (var team = await administrator.PostAsJsonAsync("/api/catalog/v1/teams", new { name = Team, description = "Tests and benchmarks of the edge" }))
        {
            // Kept once per mesh: a second consumer finds it there.
            if (team.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureOkAsync(team, "/api/catalog/v1/teams");
            }
        }

        var id = $"consumer-{Guid.NewGuid():N}"[..24];
        await SendOkAsync(administrator, HttpMethod.Post, "/api/catalog/v1/consumers", new { id, team = Team, requestsPerSecond });
        return id;
    }

    /// <summary>The administrator asks for <paramref name="dataProductId"/> for the consumer, its owner team approves; answers the request's id.</summary>
    public static async Task<string> GrantAsync(HttpClient administrator, HttpClient ownerTeam, string consumerId, string dataProductId, bool personalData)
    {
        var request = await SendOkAsync(administrator, HttpMethod.Post, "/api/catalog/v1/access-requests",
            new { dataProductId, consumerId, purpose = "Tests and benchmarks of the edge", personalData });
        var requestId = request.GetProperty("id").GetString()!;
        await SendOkAsync(ownerTeam, HttpMethod.Post, $"/api/catalog/v1/access-requests/{requestId}/approve", new { note = "granted for the tests" });
        return requestId;
    }

    /// <summary>Sends a JSON body and fails with the answer's status and body unless it succeeded.</summary>
    public static async Task<JsonElement> SendOkAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        return await EnsureOkAsync(response, $"{method} {path}");
    }

    private static async Task<JsonElement> EnsureOkAsync(HttpResponseMessage response, string call)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone()
            : throw new HttpRequestException($"{call}: {(int)response.StatusCode} {text}", null, response.StatusCode);
    }
}
