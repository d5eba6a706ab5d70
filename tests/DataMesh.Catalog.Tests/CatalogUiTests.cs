using DataMesh.Catalog.Access;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog UI in a real headless Chromium (Debian's package, never a downloaded browser): search, open a
/// product, read its schema, request access, approve it as the owner. Screenshots of each step are kept in
/// the test output's <c>screenshots</c> folder.
/// </summary>
public sealed class CatalogUiTests(PostgresServerFixture postgres) : CatalogTest(postgres, onRealPort: true)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override async Task SeedAsync()
    {
        await Http.RegisterAsync(Definitions.Hr());
        await Http.RegisterAsync(Definitions.Finance());
    }

    [Fact]
    public async Task A_consumer_finds_a_product_reads_its_schema_requests_access_and_the_owner_approves()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does)");
        Directory.CreateDirectory(Screenshots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = Catalog.Address.ToString() });

        await page.GotoAsync("/");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("birth date");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 data product(s) matching “birth date”");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "1-search.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Employees" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("hr.employees");
        var birthDate = page.GetByRole(AriaRole.Table, new() { Name = "Schema of EmployeeHired: Someone joined the company." }).GetByRole(AriaRole.Row).Filter(new() { HasText = "birthDate" });
        await Assertions.Expect(birthDate).ToContainTextAsync("restricted");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Lineage of Employees" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg.lineage a[href='/products/finance.payroll']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "2-product.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Request access" }).ClickAsync();
        await page.GetByLabel("Consumer (your application)").FillAsync("finance-reporting");
        await page.GetByLabel("Your team").FillAsync("controlling");
        await page.GetByLabel("Your name or e-mail").FillAsync("grace@example.com");
        await page.GetByLabel("Purpose").FillAsync("Monthly payroll cost per department");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sent");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "3-requested.png"), FullPage = true });

        await page.GotoAsync("/approvals?team=people-platform");
        var request = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "finance-reporting" });
        await Assertions.Expect(request).ToContainTextAsync("Monthly payroll cost per department");
        await request.GetByLabel("Your name or e-mail").FillAsync("ada@example.com");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("finance-reporting's request for hr.employees is approved.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "4-approved.png"), FullPage = true });

        var granted = await Catalog.QueryAsync(db => db.AccessRequests.SingleAsync());
        Assert.Equal((AccessStatus.Approved, "ada@example.com", "grace@example.com"), (granted.Status, granted.DecidedBy, granted.RequestedBy));
    }
}
