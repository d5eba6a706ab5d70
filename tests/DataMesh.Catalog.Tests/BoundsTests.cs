using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The bounds the catalog's OpenAPI document declares are the ones it enforces: a path or query value longer than
/// documented is a 400 problem naming the field, a number must be a JSON number, and a registration whose names the
/// API could not take back is refused.
/// </summary>
public sealed class BoundsTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private static readonly string ProductId = new('p', DataProductRecord.MaxIdLength + 1);
    private static readonly string ContractId = new('c', ContractVersionRecord.MaxIdLength + 1);
    private static readonly string Version = new('9', ContractVersionRecord.MaxVersionLength + 1);
    private static readonly string Team = new('t', TeamDirectory.MaxNameLength + 1);
    private static readonly string UserName = new('u', TeamDirectory.MaxUserNameLength + 1);
    private static readonly string ConsumerId = new('k', AccessDesk.MaxIdLength + 1);
    private static readonly string Keyword = new('s', ProductQuery.MaxKeywordLength + 1);

    private HttpClient Reporting => Catalog.ConsumerClient("finance-reporting", "controlling");

    public static TheoryData<string, string, string> TooLong => new()
    {
        { "GET", $"products/{ProductId}", "id" },
        { "GET", $"products/{ProductId}/lineage", "id" },
        { "GET", $"contracts/{ContractId}/diff?from=1.0.0&to=1.1.0", "id" },
        { "GET", $"contracts/hr.employees.events/diff?from={Version}&to=1.1.0", "from" },
        { "GET", $"contracts/hr.employees.events/diff?from=1.0.0&to={Version}", "to" },
        { "GET", $"products?q={new string('q', ProductQuery.MaxTextLength + 1)}", "q" },
        { "GET", $"products?domain={new string('d', DataProductRecord.MaxDomainLength + 1)}", "domain" },
        { "GET", $"products?owner={Team}", "owner" },
        { "GET", $"products?status={Keyword}", "status" },
        { "GET", $"products?classification={Keyword}", "classification" },
        { "GET", $"teams/{Team}/consumers", "team" },
        { "GET", $"teams/{Team}/approval-queue", "team" },
        { "GET", $"teams/{Team}/members", "team" },
        { "PUT", $"teams/{Team}/members", "team" },
        { "DELETE", $"teams/{Team}/members/grace@example.com", "team" },
        { "DELETE", $"teams/{People.ConsumerTeam}/members/{UserName}", "userName" },
        { "GET", $"consumers/{ConsumerId}/keys", "id" },
        { "POST", $"consumers/{ConsumerId}/keys", "id" },
        { "GET", $"consumers/{ConsumerId}/access-requests", "id" },
        { "PUT", $"consumers/{ConsumerId}/rate", "id" },
    };

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
        await Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("finance-reporting", "controlling", null, null, People.Administrator, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task A_value_longer_than_the_document_declares_is_a_problem_naming_the_field(string method, string path, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{CatalogApi.Prefix}/{path}");
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(path.EndsWith("/rate", StringComparison.Ordinal)
                ? new { requestsPerSecond = 5 }
                : (object)new { userName = People.ConsumerTeamMember, role = "member" });
        }

        var response = await Reporting.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_number_sent_as_text_is_refused()
    {
        var response = await Reporting.PostAsync($"{CatalogApi.Prefix}/consumers",
            new StringContent("""{"id":"quoted-rate","team":"controlling","requestsPerSecond":"5"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await Catalog.QueryAsync(db => db.Consumers.AnyAsync(c => c.Id == "quoted-rate")));
    }

    [Fact]
    public async Task A_registration_with_names_longer_than_the_api_takes_is_refused_naming_them()
    {
        var longTeam = new string('t', TeamDirectory.MaxNameLength + 1);
        var longId = $"finance.{new string('p', DataProductRecord.MaxIdLength)}";
        var response = await Catalog.ServiceClient("finance").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", Definitions.Finance()
            .Edit("finance/payroll.odps.yaml", "id: finance.payroll\n", $"id: {longId}\n")
            .Edit("finance/payroll.odcs.yaml", "dataProduct: finance.payroll\n", $"dataProduct: {longId}\n"));
        var team = await Catalog.ServiceClient("finance").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", Definitions.Finance()
            .Edit("finance/payroll.odps.yaml", "team:\n  name: controlling", $"team:\n  name: {longTeam}"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(("bounds", "id"), await RulesAsync(response));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, team.StatusCode);
        Assert.Contains(("bounds", "team.name"), await RulesAsync(team));
    }

    private static async Task<List<(string?, string?)>> RulesAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("rule").GetString(), e.GetProperty("path").GetString())).ToList();
}
