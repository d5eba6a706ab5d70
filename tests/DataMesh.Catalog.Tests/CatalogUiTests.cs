using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog UI in a real headless Chromium (Debian's package, never a downloaded browser): search, open a
/// product, read its schema; an anonymous visitor can neither request access nor see an approval queue. Screenshots
/// of each step are kept in the test output's <c>screenshots</c> folder.
/// </summary>
public sealed class CatalogUiTests(PostgresServerFixture postgres) : CatalogTest(postgres, onRealPort: true)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
    }

    [Fact]
    public async Task A_visitor_finds_a_product_and_reads_its_schema_but_changes_nothing_without_signing_in()
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

        // Asking for access, and the approval queue, are for people who signed in: the visitor is sent to sign in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Request access" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send request" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "3-sign-in-to-request.png"), FullPage = true });

        await page.GotoAsync("/approvals?team=people-platform");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        Assert.Equal((0, 0), (await Catalog.QueryAsync(db => db.AccessRequests.CountAsync()), await Catalog.QueryAsync(db => db.Consumers.CountAsync())));
    }
}
