using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The attacks of issue 15 as they reach the catalog, each refused and leaving nothing behind: keys acting for other
/// teams, a key raising its own rate, forged registrations, internal endpoints called without the mesh's credential,
/// forged caller headers, and an anonymous self-approval.
/// </summary>
public sealed class AttackTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private HttpClient Marketing => Catalog.ConsumerClient("marketing-team", "growth");

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await People.CreateTeamsAsync(Catalog);
        await Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("finance-reporting", People.ConsumerTeam, null, 10, People.Administrator, CancellationToken.None));
        await Catalog.AtDeskAsync(desk => desk.ProvisionTeamKeyAsync("hr-team", People.OwnerTeam, "hr-team-key-0123456789abcdefghijklmnop", CancellationToken.None));
    }

    [Fact]
    public async Task One_teams_key_cannot_create_a_consumer_in_another_team()
    {
        var response = await Marketing.PostAsJsonAsync($"{CatalogApi.Prefix}/consumers", new { id = "evil-app", team = People.ConsumerTeam });

        await AssertRefused(response, HttpStatusCode.Forbidden, "team");
        Assert.False(await Catalog.QueryAsync(db => db.Consumers.AnyAsync(c => c.Id == "evil-app")));
    }

    [Theory]
    [InlineData("finance-reporting")]
    [InlineData("hr-team")]
    public async Task One_teams_key_cannot_create_a_key_for_another_teams_consumer(string victim)
    {
        var before = await Catalog.QueryAsync(db => db.ApiKeys.CountAsync(k => k.ConsumerId == victim));

        var response = await Marketing.PostAsync($"{CatalogApi.Prefix}/consumers/{victim}/keys", null);

        await AssertRefused(response, HttpStatusCode.Forbidden, "consumerId");
        Assert.Equal(before, await Catalog.QueryAsync(db => db.ApiKeys.CountAsync(k => k.ConsumerId == victim)));
    }

    [Fact]
    public async Task A_key_cannot_raise_its_own_rate()
    {
        var reporting = Catalog.ConsumerClient("finance-reporting", People.ConsumerTeam);

        var raised = await reporting.PutAsJsonAsync($"{CatalogApi.Prefix}/consumers/finance-reporting/rate", new { requestsPerSecond = 100_000 });
        var fresh = await reporting.PostAsJsonAsync($"{CatalogApi.Prefix}/consumers", new { id = "faster", team = People.ConsumerTeam, requestsPerSecond = 100_000 });

        await AssertRefused(raised, HttpStatusCode.Forbidden, "requestsPerSecond");
        await AssertRefused(fresh, HttpStatusCode.Forbidden, "requestsPerSecond");
        Assert.Equal(10, (await Catalog.QueryAsync(db => db.Consumers.SingleAsync(c => c.Id == "finance-reporting"))).RequestsPerSecond);
        Assert.False(await Catalog.QueryAsync(db => db.Consumers.AnyAsync(c => c.Id == "faster")));
    }

    [Fact]
    public async Task A_registration_cannot_change_a_products_owner_team()
    {
        var takeover = Definitions.Hr()
            .Edit("hr/employees.odps.yaml", "version: 1.0.0\nstatus", "version: 1.1.0\nstatus")
            .Edit("hr/employees.odps.yaml", "name: people-platform", "name: growth")
            .Edit("hr/employees.odcs.yaml", "name: people-platform", "name: growth");

        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", takeover);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "team" && e.GetProperty("rule").GetString() == "ownership");
        Assert.Equal(People.OwnerTeam, (await Catalog.QueryAsync(db => db.DataProducts.SingleAsync(p => p.Id == "hr.employees"))).Owner);
    }

    [Fact]
    public async Task A_registration_cannot_claim_another_domains_team()
    {
        var claim = Definitions.Finance()
            .Edit("finance/payroll.odps.yaml", "name: controlling", "name: people-platform\n  members:\n    - username: mallory@example.com\n      role: owner");

        var response = await Catalog.ServiceClient("finance").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", claim);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "team" && e.GetProperty("reason").GetString()!.Contains("domain hr", StringComparison.Ordinal));
        Assert.Empty((await Catalog.PersonAsync("mallory@example.com")).Teams);
    }

    [Fact]
    public async Task A_domain_registers_with_its_own_credential_only()
    {
        var forged = await Catalog.ServiceClient("finance").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", Definitions.Hr());
        var bare = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", Definitions.Hr());
        var guessed = await Catalog.ClientWith((MeshHeaders.ServiceCredential, "not-the-credential")).PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", Definitions.Hr());

        await AssertRefused(forged, HttpStatusCode.Forbidden, "domain");
        await AssertRefused(bare, HttpStatusCode.Unauthorized, MeshHeaders.ServiceCredential);
        await AssertRefused(guessed, HttpStatusCode.Unauthorized, MeshHeaders.ServiceCredential);
    }

    [Theory]
    [InlineData("POST", "/api/catalog/v1/keys/lookup", "{\"key\":\"dmk_x\"}")]
    [InlineData("GET", "/api/catalog/v1/edge/policy", null)]
    [InlineData("POST", "/api/catalog/v1/registrations", null)]
    public async Task An_internal_endpoint_called_without_the_meshs_credential_is_refused(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(body ?? JsonSerializer.Serialize(Definitions.Hr(), JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json"),
        };
        if (method == "GET")
        {
            request.Content = null;
        }

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Catalog.QueryAsync(db => db.ObservedEvents.CountAsync()));
        Assert.Equal(0, await Catalog.QueryAsync(db => db.DeadLetters.CountAsync()));
    }

    [Fact]
    public async Task Forged_team_headers_without_the_gateways_credential_identify_nobody()
    {
        var reporting = Catalog.ConsumerClient("finance-reporting", People.ConsumerTeam);
        var request = await reporting.SendOkAsync(HttpMethod.Post, "access-requests", new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Payroll", personalData = true });
        var approve = $"{CatalogApi.Prefix}/access-requests/{request.GetProperty("id").GetString()}/approve";
        (string, string)[] owner = [(MeshHeaders.Consumer, "hr-team"), (MeshHeaders.Team, People.OwnerTeam)];

        var bare = await Catalog.ClientWith(owner).PostAsync(approve, null);
        var beside = await Catalog.ClientWith([.. owner, (MeshHeaders.ServiceCredential, Catalog.CredentialOf("finance"))]).PostAsync(approve, null);
        var queue = await Catalog.ClientWith(owner).GetAsync($"{CatalogApi.Prefix}/teams/people-platform/approval-queue");

        await AssertRefused(bare, HttpStatusCode.Unauthorized, CatalogCaller.Field);
        await AssertRefused(beside, HttpStatusCode.Forbidden, "team");
        await AssertRefused(queue, HttpStatusCode.Unauthorized, CatalogCaller.Field);
        Assert.Equal(AccessStatus.Pending, (await Catalog.QueryAsync(db => db.AccessRequests.SingleAsync())).Status);
    }

    [Fact]
    public async Task An_anonymous_caller_can_neither_ask_for_personal_data_nor_approve_it()
    {
        var asked = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests", new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "x", personalData = true });
        var registered = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/consumers", new { id = "evil-app", team = "growth" });
        var pending = await Catalog.ConsumerClient("finance-reporting", People.ConsumerTeam).SendOkAsync(HttpMethod.Post, "access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Payroll", personalData = true });
        var approved = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests/{pending.GetProperty("id").GetString()}/approve", new { actor = "grace@datamesh.example", team = "people-platform" });

        await AssertRefused(asked, HttpStatusCode.Unauthorized, CatalogCaller.Field);
        await AssertRefused(registered, HttpStatusCode.Unauthorized, CatalogCaller.Field);
        await AssertRefused(approved, HttpStatusCode.Unauthorized, CatalogCaller.Field);
        Assert.Equal(AccessStatus.Pending, (await Catalog.QueryAsync(db => db.AccessRequests.SingleAsync())).Status);
    }

    private static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {text}");
    }
}
