using DataMesh.Catalog.People;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// A real headless Chromium (Debian's package, never a downloaded browser) on a catalog; each page it opens is its
/// own person, with cookies of its own. Screenshots go to the test output's <c>screenshots</c> folder.
/// </summary>
public sealed class CatalogBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private const float Patience = 90_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _catalog;

    private CatalogBrowser(IPlaywright playwright, IBrowser browser, Uri catalog) => (_playwright, _browser, _catalog) = (playwright, browser, catalog);

    public static async Task<CatalogBrowser> LaunchAsync(CatalogHost catalog)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does)");
        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(Patience);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new CatalogBrowser(playwright, browser, catalog.Address);
    }

    /// <summary>A new person: a page in a browser context of its own.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = _catalog.ToString() });
        // A machine shared with other builds answers slowly at times: wait for it rather than fail.
        context.SetDefaultTimeout(Patience);
        return await context.NewPageAsync();
    }

    /// <summary>A new person, signed in through the catalog's own sign-in form.</summary>
    public async Task<IPage> SignInAsync(string userName, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(PersonPages.SignIn);
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Signed in as {userName}")).ToBeVisibleAsync();
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
