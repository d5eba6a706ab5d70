using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// The attacks that once worked on the running mesh, tried again the same way (through the gateway, or straight at a
/// service inside the network): each is refused, and the refusal names what is at fault.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class AttackTests(LocalMesh mesh)
{
    [Fact]
    public async Task An_anonymous_browser_cannot_ask_for_access_nor_approve_in_the_ui_or_the_api()
    {
        var pending = await PendingRequestAsync("hr.employees", personalData: true);
        using var anonymous = mesh.Gateway();

        // The UI's forms need a session: the pages send an anonymous visitor to sign in, and a forged POST is refused.
        var queue = await anonymous.GetAsync("/approvals?team=people-platform");
        Assert.DoesNotContain(pending.RequestId, await queue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var forged = await anonymous.PostAsync("/approvals?team=people-platform", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["requestId"] = pending.RequestId, ["decision"] = "approve", ["team"] = "people-platform", ["actor"] = "grace@datamesh.example",
        }));
        Assert.False(forged.IsSuccessStatusCode && (await forged.Content.ReadAsStringAsync()).Contains("is approved", StringComparison.Ordinal),
            $"An anonymous form post approved the request: {(int)forged.StatusCode}");

        await Refusal.AssertAsync(await anonymous.PostAsJsonAsync($"/api/catalog/v1/access-requests/{pending.RequestId}/approve", new { }), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);
        Assert.Equal("pending", await StatusOfAsync(pending.RequestId));
    }

    [Fact]
    public async Task A_consumer_cannot_approve_its_own_request_for_personal_data()
    {
        var pending = await PendingRequestAsync("hr.employees", personalData: true);
        using var own = mesh.KeyedGateway(pending.Key);

        await Refusal.AssertAsync(await own.PostAsJsonAsync($"/api/catalog/v1/access-requests/{pending.RequestId}/approve", new { }), HttpStatusCode.Forbidden);
        Assert.Equal("pending", await StatusOfAsync(pending.RequestId));
        // Nor does its key read HR's employees meanwhile.
        await Refusal.AssertAsync(await own.GetAsync("/api/hr/employees"), HttpStatusCode.Forbidden, MeshHeaders.ApiKey);
    }

    [Fact]
    public async Task One_teams_key_creates_no_consumer_and_no_key_for_another_team_and_so_cannot_act_as_hr()
    {
        using var marketing = mesh.Gateway("marketing");

        await Refusal.AssertAsync(await marketing.PostAsJsonAsync("/api/catalog/v1/consumers", new { id = "evil-app", team = "people-platform" }), HttpStatusCode.Forbidden);
        await Refusal.AssertAsync(await marketing.PostAsJsonAsync("/api/catalog/v1/consumers/hr-team/keys", new { }), HttpStatusCode.Forbidden);
        await Refusal.AssertAsync(await marketing.GetAsync("/api/catalog/v1/teams/people-platform/approval-queue"), HttpStatusCode.Forbidden);
        // And HR's commands stay HR's own.
        await Refusal.AssertAsync(await marketing.PostAsJsonAsync("/api/hr/employees", new { }), HttpStatusCode.Forbidden, MeshHeaders.ApiKey);
    }

    [Fact]
    public async Task A_key_cannot_raise_its_own_rate()
    {
        var pending = await PendingRequestAsync("hr.headcount", personalData: false);
        using var own = mesh.KeyedGateway(pending.Key);

        await Refusal.AssertAsync(await own.PutAsJsonAsync($"/api/catalog/v1/consumers/{pending.ConsumerId}/rate", new { requestsPerSecond = 100_000 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_forged_registration_cannot_take_a_product_from_its_owner_team()
    {
        // HR's headcount descriptor as committed, claimed for marketing's team.
        var descriptor = (await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "domains", "hr", "Hr", "DataProducts", "headcount.odps.yaml")))
            .Replace("name: people-platform", "name: growth", StringComparison.Ordinal);
        // With every contract its ports offer (events and tables), so the only thing wrong is the team.
        var contracts = await Task.WhenAll(new[] { "headcount.odcs.yaml", "headcount-tables.odcs.yaml" }.Select(async file => new
        {
            path = file,
            yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "domains", "hr", "Hr", "DataProducts", file)),
        }));
        var forged = new { domain = "hr", descriptors = new[] { new { path = "headcount.odps.yaml", yaml = descriptor } }, contracts };
        using var catalog = Direct("catalog");

        // Without a credential, with another domain's, and even with HR's own: the owner team does not change.
        Assert.Equal(HttpStatusCode.Unauthorized, (await catalog.PostAsJsonAsync("/api/catalog/v1/registrations", forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.SendAsync(WithCredential(HttpMethod.Post, "/api/catalog/v1/registrations", forged, await mesh.ParameterValueAsync("marketing-service-credential")))).StatusCode);
        using var own = await catalog.SendAsync(WithCredential(HttpMethod.Post, "/api/catalog/v1/registrations", forged, await mesh.ParameterValueAsync("hr-service-credential")));
        var refusal = await own.Content.ReadAsStringAsync();
        Assert.True(own.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"HR's own registration of another team was not refused: {(int)own.StatusCode} {refusal}");
        Assert.Contains("team", refusal, StringComparison.Ordinal);

        using var anonymous = mesh.Gateway();
        var product = await anonymous.GetFromJsonAsync<JsonElement>("/api/catalog/v1/products/hr.headcount");
        Assert.Equal("people-platform", product.GetProperty("owner").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("catalog", "POST", "/api/catalog/v1/keys/lookup")]
    [InlineData("catalog", "GET", "/api/catalog/v1/edge/policy")]
    [InlineData("hr", "GET", "/dapr/subscribe")]
    [InlineData("finance", "POST", "/dataproducts/finance.cost-center-actuals/inputs/employees")]
    public async Task An_internal_endpoint_called_inside_the_network_without_the_meshs_credential_is_refused(string service, string method, string path)
    {
        using var direct = Direct(service);

        using var response = await direct.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { key = "x" }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Headers_that_name_a_team_are_believed_from_the_gateway_only()
    {
        using var catalog = Direct("catalog");
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/v1/teams/people-platform/approval-queue")
        {
            Headers = { { MeshHeaders.Consumer, "hr-team" }, { MeshHeaders.Team, "people-platform" } },
        };

        Assert.Equal(HttpStatusCode.Unauthorized, (await catalog.SendAsync(forged)).StatusCode);
    }

    /// <summary>A consumer of the analytics team with a key, and its pending request for <paramref name="dataProductId"/>, made with its own key.</summary>
    private async Task<(string ConsumerId, string Key, string RequestId)> PendingRequestAsync(string dataProductId, bool personalData)
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var granted = await GrantedConsumer.CreateAsync(administrator, mesh.Gateway("hr"), "hr.headcount", personalData: false);
        using var own = mesh.KeyedGateway(granted.Key);
        var request = await GrantedConsumer.SendOkAsync(own, HttpMethod.Post, "/api/catalog/v1/access-requests",
            new { dataProductId, consumerId = granted.Id, purpose = "Attack tests", personalData });
        return (granted.Id, granted.Key, request.GetProperty("id").GetString()!);
    }

    private async Task<string> StatusOfAsync(string requestId)
    {
        using var hr = mesh.Gateway("hr");
        var trail = await hr.GetFromJsonAsync<JsonElement>($"/api/catalog/v1/access-requests/{requestId}/audit");
        return trail.EnumerateArray().Any(step => step.GetProperty("action").GetString() is "approved" or "denied") ? "decided" : "pending";
    }

    /// <summary>A client of a service's own endpoint, as anything inside the network reaches it, not through the gateway.</summary>
    private HttpClient Direct(string service) => new() { BaseAddress = mesh.App.GetEndpoint(service, "http") };

    private static HttpRequestMessage WithCredential(HttpMethod method, string path, object body, string credential) =>
        new(method, path) { Content = JsonContent.Create(body), Headers = { { MeshHeaders.ServiceCredential, credential } } };
}
