using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>Search, facts, versions and lineage over a registry on a real database.</summary>
public sealed class DiscoveryTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
    }

    [Theory]
    [InlineData("employees", "hr.employees")]
    [InlineData("salary cost", "finance.payroll")]
    [InlineData("headcount", "finance.payroll")]
    [InlineData("birth", "hr.employees")]
    [InlineData("controlling", "finance.payroll")]
    public async Task Full_text_finds_names_descriptions_property_names_and_owners(string text, string expected)
    {
        var page = await Http.SendOkAsync(HttpMethod.Get, $"products?q={Uri.EscapeDataString(text)}");

        Assert.Equal(expected, page.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.True(page.GetProperty("items")[0].GetProperty("rank").GetDouble() > 0);
    }

    [Fact]
    public async Task Filters_narrow_and_pages_split_the_results()
    {
        Assert.Equal(["finance.payroll"], Ids(await Http.SendOkAsync(HttpMethod.Get, "products?domain=finance")));
        Assert.Equal(["hr.employees"], Ids(await Http.SendOkAsync(HttpMethod.Get, "products?owner=people-platform")));
        Assert.Equal(["finance.payroll"], Ids(await Http.SendOkAsync(HttpMethod.Get, "products?status=draft")));
        Assert.Equal(["hr.employees"], Ids(await Http.SendOkAsync(HttpMethod.Get, "products?classification=restricted")));
        Assert.Empty(Ids(await Http.SendOkAsync(HttpMethod.Get, "products?q=employees&domain=finance&classification=restricted")));
        var first = await Http.SendOkAsync(HttpMethod.Get, "products?pageSize=1");
        var second = await Http.SendOkAsync(HttpMethod.Get, "products?pageSize=1&page=2");
        Assert.Equal(2, first.GetProperty("total").GetInt32());
        Assert.Equal(["finance.payroll", "hr.employees"], Ids(first).Concat(Ids(second)));
    }

    [Fact]
    public async Task Pages_follow_cover_density_rank_then_id_and_every_page_counts_all_matches()
    {
        // Copies of hr.employees under other ids: equal ranks, broken by id; two say "employees" more often and rank higher.
        foreach (var k in new[] { 4, 1, 5, 3, 2, 6 })
        {
            var name = k is 2 or 5 ? "Employees, all employees" : "Employees";
            await Catalog.RegisterAsync(Definitions.Hr()
                .Edit("hr/employees.odps.yaml", "hr.employees", $"hr.people{k}")
                .Edit("hr/employees.odps.yaml", "name: Employees", $"name: {name}")
                .Edit("hr/employees.odcs.yaml", "hr.employees", $"hr.people{k}"));
        }

        // What the rank function makes of each product's own generated vector, ordered as the search promises.
        var expected = await Catalog.QueryAsync(db => db.DataProducts
            .Select(p => new { p.Id, p.SearchVector, Query = EF.Functions.WebSearchToTsQuery(CatalogDbContext.SearchConfiguration, "employees") })
            .Where(p => p.SearchVector.Matches(p.Query))
            .Select(p => new { p.Id, Rank = p.SearchVector.RankCoverDensity(p.Query) })
            .OrderByDescending(p => p.Rank).ThenBy(p => p.Id).ToListAsync());
        Assert.True(expected.Count >= 7 && expected.Select(e => e.Rank).Distinct().Count() > 1 && expected.GroupBy(e => e.Rank).Any(g => g.Count() > 1));

        var pages = new List<JsonElement>();
        for (var page = 1; page <= (expected.Count / 3) + 2; page++)
        {
            pages.Add(await Http.SendOkAsync(HttpMethod.Get, $"products?q=employees&pageSize=3&page={page}"));
        }

        Assert.Equal(expected.Select(e => e.Id), pages.SelectMany(Ids));
        Assert.Equal(expected.Select(e => (double)e.Rank), pages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rank").GetDouble())));
        Assert.All(pages, p => Assert.Equal(expected.Count, p.GetProperty("total").GetInt32()));
        Assert.Empty(pages[^1].GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_new_version_is_found_by_its_new_name_and_status_only()
    {
        await Catalog.RegisterAsync(Definitions.Hr()
            .Edit("hr/employees.odps.yaml", "name: Employees\nversion: 1.0.0\nstatus: active", "name: Workforce\nversion: 1.1.0\nstatus: deprecated"));

        Assert.Equal(["hr.employees"], Ids(await Http.SendOkAsync(HttpMethod.Get, "products?q=workforce&domain=hr&owner=people-platform&status=deprecated")));
        Assert.Equal(["hr.employees"], Ids(await Http.SendOkAsync(HttpMethod.Get, "products?status=deprecated")));
        Assert.Equal(0, (await Http.SendOkAsync(HttpMethod.Get, "products?q=employees&status=active")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_bad_query_is_a_validation_problem_naming_the_parameter()
    {
        var response = await Http.GetAsync($"{Api.CatalogApi.Prefix}/products?pageSize=1000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task A_product_page_has_owner_schema_classifications_promises_examples_and_lineage()
    {
        var facts = await Http.SendOkAsync(HttpMethod.Get, "products/hr.employees");

        Assert.Equal("people-platform", facts.GetProperty("owner").GetProperty("name").GetString());
        var port = facts.GetProperty("outputPorts")[0];
        Assert.Equal("hr.employees.v1", port.GetProperty("topic").GetString());
        var hired = port.GetProperty("eventTypes")[0];
        var birthDate = hired.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("path").GetString() == "birthDate");
        Assert.Equal("restricted", birthDate.GetProperty("classification").GetString());
        Assert.True(birthDate.GetProperty("personalData").GetBoolean());
        Assert.Contains("Ada Lovelace", hired.GetProperty("examples")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(port.GetProperty("promises").EnumerateArray(), p => p.GetProperty("property").GetString() == "freshness" && p.GetProperty("value").GetString() == "5");
        var downstream = Assert.Single(facts.GetProperty("downstream").EnumerateArray());
        Assert.Equal("finance.payroll", downstream.GetProperty("dataProductId").GetString());
        var upstream = Assert.Single((await Http.SendOkAsync(HttpMethod.Get, "products/finance.payroll/lineage")).GetProperty("upstream").EnumerateArray());
        Assert.Equal(("hr.employees", "hr.employees.events", "1.0.0", true), (upstream.GetProperty("dataProductId").GetString(), upstream.GetProperty("contractId").GetString(), upstream.GetProperty("contractVersion").GetString(), upstream.GetProperty("registered").GetBoolean()));
    }

    [Fact]
    public async Task Versions_are_listed_and_any_two_compared()
    {
        await Catalog.RegisterAsync(Definitions.Hr()
            .Edit("hr/employees.odcs.yaml", "version: 1.0.0", "version: 2.0.0")
            .Edit("hr/employees.odcs.yaml", "physicalName: hr.employees.v1", "physicalName: hr.employees.v2")
            .Edit("hr/employees.odps.yaml", "version: 1.0.0", "version: 2.0.0"));

        var facts = await Http.SendOkAsync(HttpMethod.Get, "products/hr.employees");
        var diff = await Http.SendOkAsync(HttpMethod.Get, "contracts/hr.employees.events/diff?from=1.0.0&to=2.0.0");

        Assert.Equal(["2.0.0", "1.0.0"], facts.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["2.0.0", "1.0.0"], facts.GetProperty("outputPorts")[0].GetProperty("contractVersions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var change = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("schema[*].physicalName", change.GetProperty("path").GetString());
        Assert.Equal("Breaking", change.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"{Api.CatalogApi.Prefix}/contracts/hr.employees.events/diff?from=1.0.0&to=9.0.0")).StatusCode);
        var missing = await Http.GetAsync($"{Api.CatalogApi.Prefix}/products/sales.orders");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static List<string?> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
}
