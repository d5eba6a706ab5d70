using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Api;
using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>The registration endpoint on a real database: what each domain service posts at startup.</summary>
public sealed class RegistrationTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private const string Registrations = $"{CatalogApi.Prefix}/registrations";
    [Fact]
    public async Task A_registration_is_kept_and_sending_it_again_changes_nothing()
    {
        var first = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, Definitions.Hr());
        var again = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, Definitions.Hr());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["contract hr.employees.events 1.0.0", "data-product hr.employees 1.0.0"], Names(receipt.GetProperty("registered")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(Names(repeated.GetProperty("registered")));
        Assert.Equal(2, Names(repeated.GetProperty("unchanged")).Count);
        var product = await Catalog.QueryAsync(db => db.DataProducts.SingleAsync());
        Assert.Equal(("hr.employees", "people-platform", "1.0.0"), (product.Id, product.Owner, product.Version));
        Assert.Equal(["confidential", "internal", "public", "restricted"], product.Classifications);
    }

    [Fact]
    public async Task A_product_another_tool_described_registers_when_it_is_valid_and_within_the_governance()
    {
        var response = await Catalog.ServiceClient("marketing").PostAsJsonAsync(Registrations, Definitions.ForeignTool());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["contract marketing.partner-scores.events 1.0.0", "data-product marketing.partner-scores 1.0.0"], Names(receipt.GetProperty("registered")));
        var facts = await Http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Prefix}/products/marketing.partner-scores");
        Assert.Equal(("Partner scores", "marketing-analytics"), (facts.GetProperty("name").GetString(), facts.GetProperty("owner").GetProperty("name").GetString()));
        var port = Assert.Single(facts.GetProperty("outputPorts").EnumerateArray());
        Assert.Equal(("marketing.partner-scores.events", "marketing.partner-scores.v1", "/api/marketing/partner-scores"),
            (port.GetProperty("contractId").GetString(), port.GetProperty("topic").GetString(), port.GetProperty("queryLocation").GetString()));
        Assert.Equal(["freshness", "latency", "retention", "generalAvailability"], port.GetProperty("promises").EnumerateArray().Select(p => p.GetProperty("property").GetString()));
        Assert.Equal(["partnerId", "score", "scoredAt"], Assert.Single(port.GetProperty("eventTypes").EnumerateArray()).GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task Every_version_is_kept_and_the_newest_is_listed()
    {
        await Register(Definitions.Hr());
        var next = Definitions.Hr()
            .Edit("hr/employees.odcs.yaml", "version: 1.0.0", "version: 1.1.0")
            .Edit("hr/employees.odcs.yaml", "validValues: [EUR, USD, GBP]", "validValues: [EUR, USD, GBP, CHF]")
            .Edit("hr/employees.odps.yaml", "version: 1.0.0", "version: 1.1.0");

        await Register(next);

        Assert.Equal(["1.0.0", "1.1.0"], await Catalog.QueryAsync(db => db.ContractVersions.Select(v => v.Version).Order().ToListAsync()));
        Assert.Equal(["1.0.0", "1.1.0"], await Catalog.QueryAsync(db => db.DataProductVersions.Select(v => v.Version).Order().ToListAsync()));
        Assert.Equal("1.1.0", (await Catalog.QueryAsync(db => db.DataProducts.SingleAsync())).Version);
    }

    [Fact]
    public async Task A_breaking_change_without_a_new_major_version_is_refused_with_409_listing_each_change()
    {
        await Register(Definitions.Hr());
        var breaking = Definitions.Hr()
            .Edit("hr/employees.odcs.yaml", "version: 1.0.0", "version: 1.1.0")
            .Edit("hr/employees.odcs.yaml", "validValues: [resignation, dismissal, retirement, endOfContract]", "validValues: [resignation, dismissal, retirement]")
            .Edit("hr/employees.odcs.yaml", "value: 7\n    unit: y", "value: 5\n    unit: y")
            .Edit("hr/employees.odps.yaml", "version: 1.0.0", "version: 1.1.0");

        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, breaking);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:datamesh:catalog:breaking-change", problem.GetProperty("type").GetString());
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(
            ["hr.employees.events@1.1.0: schema[EmployeeTerminated].properties[reason].quality[invalidValues].validValues[endOfContract]", "hr.employees.events@1.1.0: slaProperties[retention]"],
            paths.Order(StringComparer.Ordinal));
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.Contains("needs a new major version (2.0.0 or later)", e.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal(["1.0.0"], await Catalog.QueryAsync(db => db.ContractVersions.Select(v => v.Version).ToListAsync()));
    }

    [Fact]
    public async Task The_same_version_with_different_content_is_a_conflict()
    {
        await Register(Definitions.Hr());

        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, Definitions.Hr().Edit("hr/employees.odcs.yaml", "maxLength: 200", "maxLength: 300"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:datamesh:catalog:version-conflict", problem.GetProperty("type").GetString());
        Assert.Contains("hr.employees.events 1.0.0 is already registered with different content", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_422_naming_file_line_and_field()
    {
        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, Definitions.Hr().Edit("hr/employees.odcs.yaml", "birth date of the event.\n        logicalType: date", "birth date of the event.\n        logicalType: datum"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:datamesh:catalog:invalid-definitions", problem.GetProperty("type").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("hr/employees.odcs.yaml", error.GetProperty("file").GetString());
        Assert.True(error.GetProperty("line").GetInt32() > 1);
        Assert.Equal("schema[0].properties[3].logicalType", error.GetProperty("path").GetString());
        Assert.Equal("definition", error.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_valid_contract_that_breaks_the_mesh_governance_is_refused_as_governance_naming_the_rule()
    {
        // 'secret' is a valid ODCS classification (free text); the mesh's four levels are a governance rule.
        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, Definitions.Hr().Edit("hr/employees.odcs.yaml", "classification: restricted", "classification: secret"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:datamesh:catalog:governance", problem.GetProperty("type").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("schema[0].properties[3].classification", error.GetProperty("path").GetString());
        Assert.Equal(MeshGovernance.ClassificationRule, error.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("classification: confidential\n        customProperties:\n          - property: pii\n            value: true\n        examples", "classification: internal\n        customProperties:\n          - property: pii\n            value: true\n        examples", "schema[0].properties[2].classification", "personal data")]
    [InlineData("  - property: freshness\n    value: 5\n    unit: s\n", "", "slaProperties", "freshness")]
    [InlineData("team:\n  name: people-platform\n  description", "team:\n  description", "team.name", "required")]
    public async Task The_loader_refuses_what_governance_forbids_in_a_file(string old, string replacement, string path, string why)
    {
        var file = old.StartsWith("team", StringComparison.Ordinal) ? "hr/employees.odps.yaml" : "hr/employees.odcs.yaml";

        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, Definitions.Hr().Edit(file, old, replacement));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == path && e.GetProperty("reason").GetString()!.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Governance_refuses_properties_without_descriptions_and_contracts_of_another_team()
    {
        // A contract's own findings come first; the one across files (its team against its product's) once it has none.
        Assert.Equal(
            [("property-description", "schema[0].properties[4].description"), ("property-description", "schema[1].properties[2].description")],
            await GovernanceFindingsAsync(Definitions.Hr().Edit("hr/employees.odcs.yaml", "        description: The salary of the event.\n", "")));
        Assert.Equal(
            [("owner-team", "team")],
            await GovernanceFindingsAsync(Definitions.Hr().Edit("hr/employees.odcs.yaml", "team:\n  name: people-platform", "team:\n  name: payroll-team")));
        Assert.Equal(0, await Catalog.QueryAsync(db => db.DataProducts.CountAsync()));
    }

    /// <summary>The rule and path of each error of a registration the catalog refuses as breaking the governance.</summary>
    private async Task<List<(string? Rule, string? Path)>> GovernanceFindingsAsync(CatalogRegistrationRequest request)
    {
        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:datamesh:catalog:governance", problem.GetProperty("type").GetString());
        return problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("rule").GetString(), e.GetProperty("path").GetString())).ToList();
    }

    [Fact]
    public async Task A_request_of_the_wrong_shape_is_a_validation_problem_naming_the_field()
    {
        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, new { domain = "hr", descriptors = new[] { new { path = "employees.yaml", yaml = "id: x" } }, contracts = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("descriptors[0].path", out _));
    }

    [Fact]
    public async Task A_domain_registers_only_its_own_products()
    {
        var response = await Catalog.ServiceClient("finance").PostAsJsonAsync(Registrations, Definitions.Hr() with { Domain = "finance" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is not the registering domain 'finance'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task Register(DataProducts.Registration.CatalogRegistrationRequest request)
    {
        var response = await Catalog.ServiceClient("hr").PostAsJsonAsync(Registrations, request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<string> Names(JsonElement definitions) =>
        definitions.EnumerateArray().Select(d => $"{d.GetProperty("kind").GetString()} {d.GetProperty("id").GetString()} {d.GetProperty("version").GetString()}").Order(StringComparer.Ordinal).ToList();
}
