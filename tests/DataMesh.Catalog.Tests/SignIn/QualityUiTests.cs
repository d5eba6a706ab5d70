using System.Net;
using System.Net.Http.Json;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// The product page's Quality section in a real headless Chromium: a visitor reads each rule's last run, opens a rule's
/// history, and follows the breached-promises list to the product.
/// </summary>
public sealed class QualityUiTests(PostgresServerFixture postgres) : CatalogTest(postgres, onRealPort: true)
{
    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        QualityRuleResult Run(string rule, string kind, string outcome, decimal measured, string detail, int minute) =>
            new("hr.employees", "hr.employees.events", "1.0.0", rule, "EmployeeHired.employeeId", kind, outcome, measured, detail, at.AddMinutes(minute));
        var report = new QualityResultsReportRequest("hr",
        [
            Run("ids-unique", "library", QualityRuleResult.Passed, 0, "duplicates: 0", 0),
            Run("sql-no-future-hires", "sql", QualityRuleResult.Passed, 0, "expected 0 rows, found 0", 0),
            Run("sql-no-future-hires", "sql", QualityRuleResult.Failed, 3, "expected 0 rows, found 3", 15),
        ]);
        var response = await Catalog.ServiceClient("hr").PutAsJsonAsync(new CatalogRegistrationOptions().QualityResultsPath, report);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task A_visitor_sees_a_failed_rule_its_history_and_the_product_among_the_breached_promises()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(Catalog);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/breaches");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr.employees" });
        await Assertions.Expect(row).ToContainTextAsync("breached: 1 of 2 rules did not pass");
        await row.GetByRole(AriaRole.Link, new() { Name = "Employees" }).ClickAsync();

        var quality = page.GetByRole(AriaRole.Region, new() { Name = "Quality" });
        await Assertions.Expect(quality).ToContainTextAsync("1 of 2 rules did not pass their last run");
        var rules = quality.GetByRole(AriaRole.Table, new() { Name = "Quality rules and their last run" });
        await Assertions.Expect(rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "sql-no-future-hires" })).ToContainTextAsync("failed");
        await Assertions.Expect(rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "sql-no-future-hires" })).ToContainTextAsync("expected 0 rows, found 3");
        await Assertions.Expect(rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "ids-unique" })).ToContainTextAsync("passed");

        var history = quality.GetByRole(AriaRole.Table, new() { Name = "Recent runs of sql-no-future-hires" });
        await Assertions.Expect(history).Not.ToBeVisibleAsync();
        await quality.GetByText("History of sql-no-future-hires").ClickAsync();
        await Assertions.Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // the header and two runs, newest first
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("failed");
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("passed");
        await browser.ScreenshotAsync(page, "quality-section.png");
    }
}
