using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Tests.SignIn;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// A domain's report of its quality rules' runs on a real database: only the owning domain's service reports, for its own
/// products and contracts (runs against versions not registered are skipped); the product's facts and page show each rule's last run and history;
/// a rule that did not pass its last run breaks the product's promise (facts, search, the breached-promises list) until
/// it passes again; each rule keeps its newest runs only.
/// </summary>
public sealed class QualityResultsTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private static readonly string QualityResults = new CatalogRegistrationOptions().QualityResultsPath;
    /// <summary>Three hours ago in whole seconds: runs are in the past, as the catalog requires, and read back exactly.</summary>
    private static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.AddHours(-3).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
    }

    private static QualityRuleResult Run(string rule, string outcome, int minute, decimal? measured = 0, string detail = "expected 0") =>
        new("hr.employees", "hr.employees.events", "1.0.0", rule, "EmployeeHired.employeeId", rule.StartsWith("sql", StringComparison.Ordinal) ? "sql" : "library",
            outcome, measured, detail, Start.AddMinutes(minute));

    private static QualityResultsReportRequest Hr(params QualityRuleResult[] results) => new("hr", results);

    private Task<HttpResponseMessage> ReportAsync(QualityResultsReportRequest report) => Catalog.ServiceClient("hr").PutAsJsonAsync(QualityResults, report);

    private async Task<JsonElement> FactsAsync()
    {
        var response = await Http.GetAsync($"{CatalogApi.Prefix}/products/hr.employees");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_rule_that_did_not_pass_breaks_the_promise_on_the_page_the_facts_search_and_breach_list_until_it_passes_again()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(
            Run("ids-unique", QualityRuleResult.Passed, 0),
            Run("sql-no-future-hires", QualityRuleResult.Failed, 0, 3, "expected 0 rows, found 3")))).StatusCode);

        var facts = await FactsAsync();
        Assert.True(facts.GetProperty("observed").GetProperty("breached").GetBoolean());
        Assert.False(facts.GetProperty("observed").GetProperty("qualityKept").GetBoolean());
        var rules = facts.GetProperty("quality").EnumerateArray().ToList();
        Assert.Equal(["ids-unique", "sql-no-future-hires"], rules.Select(r => r.GetProperty("ruleId").GetString()));
        var failing = rules[1];
        Assert.Equal("EmployeeHired.employeeId", failing.GetProperty("element").GetString());
        Assert.Equal("sql", failing.GetProperty("kind").GetString());
        Assert.Equal("failed", failing.GetProperty("last").GetProperty("outcome").GetString());
        Assert.Equal(3m, failing.GetProperty("last").GetProperty("measuredValue").GetDecimal());
        Assert.Equal(Start, failing.GetProperty("last").GetProperty("checkedAt").GetDateTimeOffset());

        var page = await Http.GetStringAsync("/products/hr.employees");
        Assert.Contains("<h2 id=\"quality-heading\">Quality</h2>", page, StringComparison.Ordinal);
        Assert.Contains("1 of 2 rules did not pass their last run", page, StringComparison.Ordinal);
        Assert.Contains("<code>sql-no-future-hires</code>", page, StringComparison.Ordinal);
        Assert.Contains("expected 0 rows, found 3", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"breach\">failed</strong>", page, StringComparison.Ordinal);
        Assert.Contains(Start.ToString("u"), page, StringComparison.Ordinal);
        Assert.Contains("href=\"/products/hr.employees\"", await Http.GetStringAsync("/breaches"), StringComparison.Ordinal);
        Assert.Contains("breached: 1 of 2 rules did not pass", await Http.GetStringAsync("/breaches"), StringComparison.Ordinal);
        Assert.True(await SearchSaysBreachedAsync());

        // The failed rule passes, but another could not run: an error keeps nothing, so the promise stays broken.
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(
            Run("sql-no-future-hires", QualityRuleResult.Passed, 15),
            Run("ids-unique", QualityRuleResult.Error, 15, null, "relation \"employees\" does not exist")))).StatusCode);
        facts = await FactsAsync();
        Assert.True(facts.GetProperty("observed").GetProperty("breached").GetBoolean());
        Assert.Equal("error", facts.GetProperty("quality")[0].GetProperty("last").GetProperty("outcome").GetString());
        Assert.Equal(["passed", "failed"], facts.GetProperty("quality")[1].GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(Run("ids-unique", QualityRuleResult.Passed, 30)))).StatusCode);
        facts = await FactsAsync();
        Assert.False(facts.GetProperty("observed").GetProperty("breached").GetBoolean());
        Assert.True(facts.GetProperty("observed").GetProperty("qualityKept").GetBoolean());
        Assert.DoesNotContain("href=\"/products/hr.employees\"", await Http.GetStringAsync("/breaches"), StringComparison.Ordinal);
        Assert.Contains("every rule passed its last run", await Http.GetStringAsync("/products/hr.employees"), StringComparison.Ordinal);
        Assert.False(await SearchSaysBreachedAsync());
    }

    private async Task<bool> SearchSaysBreachedAsync()
    {
        var found = await Http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Prefix}/products?q=employees");
        return found.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "hr.employees")
            .GetProperty("observed").GetProperty("breached").GetBoolean();
    }

    [Fact]
    public async Task Nobody_but_the_owning_domains_service_reports_and_only_for_its_own_products_and_contracts()
    {
        var report = Hr(Run("ids-unique", QualityRuleResult.Failed, 0));
        using var admin = new PersonSession(Catalog);
        await admin.SignInAsAdministratorAsync();
        await admin.CreateAccountAsync("grace@example.com", "grace-password-0123");
        using var grace = new PersonSession(Catalog);
        PersonSession.AssertSignedIn(await grace.SignInAsync("grace@example.com", "grace-password-0123"));

        var refused = new Dictionary<string, HttpResponseMessage>
        {
            ["anonymous"] = await Http.PutAsJsonAsync(QualityResults, report),
            ["wrong credential"] = await Catalog.ClientWith((MeshHeaders.ServiceCredential, "not-a-credential")).PutAsJsonAsync(QualityResults, report),
            ["administrator"] = await admin.SendAsync(new(HttpMethod.Put, QualityResults) { Content = JsonContent.Create(report) }),
            ["person"] = await grace.SendAsync(new(HttpMethod.Put, QualityResults) { Content = JsonContent.Create(report) }),
            ["another team's key"] = await Catalog.ConsumerClient("outsider-app", People.OtherTeam).PutAsJsonAsync(QualityResults, report),
            ["owner team's key"] = await Catalog.ConsumerClient("hr-team", People.OwnerTeam).PutAsJsonAsync(QualityResults, report),
            ["gateway"] = await Catalog.ServiceClient(ServiceCredentials.Gateway).PutAsJsonAsync(QualityResults, report),
            ["another domain for hr"] = await Catalog.ServiceClient("finance").PutAsJsonAsync(QualityResults, report),
            ["another domain's product"] = await Catalog.ServiceClient("finance").PutAsJsonAsync(QualityResults, report with { Domain = "finance" }),
            ["another product's contract"] = await ReportAsync(Hr(Run("ids-unique", QualityRuleResult.Failed, 0) with { ContractId = "finance.payroll.costs" })),
        };

        var expected = new Dictionary<string, (HttpStatusCode Status, string Field)>
        {
            ["anonymous"] = (HttpStatusCode.Unauthorized, MeshHeaders.ServiceCredential),
            ["wrong credential"] = (HttpStatusCode.Unauthorized, MeshHeaders.ServiceCredential),
            ["administrator"] = (HttpStatusCode.Unauthorized, MeshHeaders.ServiceCredential),
            ["person"] = (HttpStatusCode.Unauthorized, MeshHeaders.ServiceCredential),
            ["another team's key"] = (HttpStatusCode.Forbidden, MeshHeaders.Consumer),
            ["owner team's key"] = (HttpStatusCode.Forbidden, MeshHeaders.Consumer),
            ["gateway"] = (HttpStatusCode.Forbidden, "domain"),
            ["another domain for hr"] = (HttpStatusCode.Forbidden, "domain"),
            ["another domain's product"] = (HttpStatusCode.Forbidden, "results[0].dataProductId"),
            ["another product's contract"] = (HttpStatusCode.Forbidden, "results[0].contractId"),
        };
        foreach (var (caller, response) in refused)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected[caller].Status == response.StatusCode, $"{caller}: expected {expected[caller].Status}, got {response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(expected[caller].Field, out _), $"{caller}: {body} names no {expected[caller].Field}");
        }

        Assert.Equal(0, await Catalog.QueryAsync(db => db.QualityResults.CountAsync()));

        // A contract version or product the catalog has not registered (yet, or refused) is skipped, not refused: the
        // domain's other runs in the same report are kept.
        var unregistered = Hr(
            Run("ids-unique", QualityRuleResult.Failed, 0) with { ContractVersion = "9.9.9" },
            Run("ids-unique", QualityRuleResult.Failed, 0) with { DataProductId = "hr.not-registered", ContractId = "hr.not-registered.events" },
            Run("ids-unique", QualityRuleResult.Failed, 0));
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(unregistered)).StatusCode);
        var kept = await Catalog.QueryAsync(db => db.QualityResults.Select(r => new { r.DataProductId, r.ContractVersion }).ToListAsync());
        Assert.Equal(("hr.employees", "1.0.0"), (Assert.Single(kept).DataProductId, kept[0].ContractVersion));
    }

    [Fact]
    public async Task A_bad_report_is_refused_with_a_problem_naming_the_field()
    {
        var run = Run("ids-unique", QualityRuleResult.Passed, 0);
        var cases = new (object Report, string Field)[]
        {
            (new { results = new[] { run } }, "domain"),
            (new { domain = "hr" }, "results"),
            (Hr([.. Enumerable.Range(0, QualityResultsReportRequest.MaxResults + 1).Select(i => Run("ids-unique", QualityRuleResult.Passed, i))]), "results"),
            (Hr(run with { Outcome = "flaky" }), "results[0].outcome"),
            (Hr(run, run with { Outcome = "Passed" }), "results[1].outcome"),
            (Hr(run with { RuleId = new string('r', QualityRuleResult.MaxRuleIdLength + 1) }), "results[0].ruleId"),
            (Hr(run with { Element = new string('e', QualityRuleResult.MaxElementLength + 1) }), "results[0].element"),
            (Hr(run with { Kind = " " }), "results[0].kind"),
            (Hr(run with { Detail = new string('d', QualityRuleResult.MaxDetailLength + 1) }), "results[0].detail"),
            (Hr(run with { ContractVersion = new string('1', 65) }), "results[0].contractVersion"),
            (Hr(run with { CheckedAt = DateTimeOffset.UtcNow.AddHours(1) }), "results[0].checkedAt"),
        };

        foreach (var (report, field) in cases)
        {
            var response = await Catalog.ServiceClient("hr").PutAsJsonAsync(QualityResults, report);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {body}");
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{body} names no {field}");
        }

        Assert.Equal(0, await Catalog.QueryAsync(db => db.QualityResults.CountAsync()));
    }

    [Fact]
    public async Task Each_rule_keeps_its_newest_runs_only_and_a_report_sent_again_adds_nothing()
    {
        var runs = Enumerable.Range(0, QualityResultRecord.KeptRuns + 5).Select(i => Run("ids-unique", i % 2 == 0 ? QualityRuleResult.Passed : QualityRuleResult.Failed, i)).ToArray();
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(runs[..60]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(runs[60..]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(runs[60..]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(Hr(Run("sql-no-future-hires", QualityRuleResult.Passed, 0)))).StatusCode);

        var kept = await Catalog.QueryAsync(db => db.QualityResults.Where(r => r.RuleId == "ids-unique").OrderBy(r => r.CheckedAt).Select(r => r.CheckedAt).ToListAsync());
        Assert.Equal(runs.Skip(5).Select(r => r.CheckedAt), kept);
        Assert.Equal(1, await Catalog.QueryAsync(db => db.QualityResults.CountAsync(r => r.RuleId == "sql-no-future-hires")));

        var rule = (await FactsAsync()).GetProperty("quality")[0];
        Assert.Equal(runs[^1].CheckedAt, rule.GetProperty("last").GetProperty("checkedAt").GetDateTimeOffset());
        Assert.Equal(Enumerable.Reverse(runs).Take(20).Select(r => r.CheckedAt), rule.GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("checkedAt").GetDateTimeOffset()));
    }
}
