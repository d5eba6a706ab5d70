using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>What the catalog tells the gateway: the domain teams' own keys, each consumer's rate, and the edge policy.</summary>
public sealed class EdgeFactsTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private const string FirstKey = "team-key-one-0123456789abcdefghijklmnop";
    private const string SecondKey = "team-key-two-0123456789abcdefghijklmnop";

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
    }

    [Fact]
    public async Task The_edge_policy_names_each_domains_teams_and_each_query_port_with_its_personal_data()
    {
        var policy = await Gateway.SendOkAsync(HttpMethod.Get, "edge/policy");

        Assert.Equal(["people-platform"], policy.GetProperty("domainTeams").GetProperty("hr").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["controlling"], policy.GetProperty("domainTeams").GetProperty("finance").EnumerateArray().Select(t => t.GetString()));
        var ports = policy.GetProperty("queryPorts").EnumerateArray().ToDictionary(p => p.GetProperty("dataProductId").GetString()!);
        var employees = ports["hr.employees"];
        Assert.Equal(("hr", "people-platform", "/api/hr/employees"),
            (employees.GetProperty("domain").GetString(), employees.GetProperty("owner").GetString(), employees.GetProperty("location").GetString()));
        Assert.Equal(["birthDate", "email", "name"], employees.GetProperty("personalData").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("/api/finance/payroll", ports["finance.payroll"].GetProperty("location").GetString());
    }

    [Fact]
    public async Task A_consumers_rate_is_checked_and_given_to_the_gateway_with_its_key()
    {
        var refused = await Assert.ThrowsAsync<CatalogRefusal>(() =>
            Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("dashboards", "controlling", null, 0, People.Administrator, CancellationToken.None)));
        await Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("reports", "controlling", null, 5, People.Administrator, CancellationToken.None));
        var key = (await Catalog.ConsumerClient("reports", "controlling").SendOkAsync(HttpMethod.Post, "consumers/reports/keys")).GetProperty("key").GetString();

        Assert.Equal((StatusCodes.Status400BadRequest, "requestsPerSecond"), (refused.StatusCode, refused.Field));
        Assert.Equal(5, (await Gateway.SendOkAsync(HttpMethod.Post, "keys/lookup", new { key })).GetProperty("requestsPerSecond").GetInt32());
    }

    [Fact]
    public async Task A_team_key_from_configuration_is_the_one_active_key_of_the_domains_team_until_replaced()
    {
        await ProvisionAsync(("Catalog:TeamKeys:hr:Team", "people-platform"), ("Catalog:TeamKeys:hr:Key", FirstKey));
        await ProvisionAsync(("Catalog:TeamKeys:hr:Team", "people-platform"), ("Catalog:TeamKeys:hr:Key", FirstKey));

        var first = await Gateway.SendOkAsync(HttpMethod.Post, "keys/lookup", new { key = FirstKey });
        Assert.Equal(("hr-team", "people-platform"), (first.GetProperty("consumerId").GetString(), first.GetProperty("team").GetString()));
        Assert.Equal(1, await Catalog.QueryAsync(db => db.ApiKeys.CountAsync(k => k.ConsumerId == "hr-team")));

        await ProvisionAsync(("Catalog:TeamKeys:hr:Team", "people-platform"), ("Catalog:TeamKeys:hr:Key", SecondKey));

        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = FirstKey })).StatusCode);
        await Gateway.SendOkAsync(HttpMethod.Post, "keys/lookup", new { key = SecondKey });
    }

    [Fact]
    public async Task Through_the_gateway_a_key_decides_only_for_its_own_team()
    {
        await Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("reports", "controlling", null, null, People.Administrator, CancellationToken.None));
        var reports = Catalog.ConsumerClient("reports", "controlling");
        var request = await reports.SendOkAsync(HttpMethod.Post, "access-requests", new { dataProductId = "hr.employees", consumerId = "reports", purpose = "Payroll", personalData = false });
        var approve = $"{CatalogApi.Prefix}/access-requests/{request.GetProperty("id").GetString()}/approve";

        // The body's old "team" field names the owner team: the key's own team is what counts.
        var claimed = await Catalog.ConsumerClient("finance-team", "controlling").PostAsJsonAsync(approve, new { team = "people-platform" });
        var own = await Catalog.ConsumerClient("hr-team", "people-platform").PostAsJsonAsync(approve, new { note = "payroll needs it" });

        Assert.Equal(HttpStatusCode.Forbidden, claimed.StatusCode);
        Assert.Contains("people-platform", (await claimed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("team").ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("people-platform", "too-short", "Catalog:TeamKeys:hr:Key")]
    [InlineData("", FirstKey, "Catalog:TeamKeys:hr:Team")]
    public async Task A_bad_team_key_stops_the_catalog_naming_the_setting(string team, string key, string setting)
    {
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => ProvisionAsync(("Catalog:TeamKeys:hr:Team", team), ("Catalog:TeamKeys:hr:Key", key)));

        Assert.StartsWith(setting + ":", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Catalog.QueryAsync(db => db.Consumers.CountAsync(c => c.Id == "hr-team")));
    }

    private HttpClient Gateway => Catalog.ServiceClient(ServiceCredentials.Gateway);

    private async Task ProvisionAsync(params (string Key, string Value)[] settings)
    {
        await using var scope = Catalog.Services.CreateAsyncScope();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        await new TeamKeyProvisioning(scope.ServiceProvider.GetRequiredService<AccessDesk>(), configuration).ProvisionAsync(CancellationToken.None);
    }
}
