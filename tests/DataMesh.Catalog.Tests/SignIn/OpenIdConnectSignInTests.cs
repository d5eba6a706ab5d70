using DataMesh.Catalog.People;
using DataMesh.Testing;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// Signing in with an OpenID Connect provider, in Chromium, against a real provider the test starts: the authorization
/// code flow end to end, the user name and the administrator role taken from the provider's claims.
/// </summary>
public sealed class OpenIdConnectSignInTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string ProviderName = "the test provider";
    private const string AdministratorsGroup = "mesh-admins";
    private const string Ada = "ada@datamesh.example";
    private const string Grace = "grace@datamesh.example";

    private TestOpenIdProvider _provider = null!;
    private CatalogHost _catalog = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOpenIdProvider.StartAsync(await postgres.CreateDatabaseAsync("provider"), new Dictionary<string, string[]>
        {
            [Ada] = [AdministratorsGroup, "finance-readers"],
            [Grace] = ["hr-people"],
            // The provider vouches for a name the catalog's local administrator already has.
            [CatalogHost.AdministratorUserName] = [AdministratorsGroup],
        });
        var provider = OpenIdConnectSignInSettings.Section;
        _catalog = await CatalogHost.StartAsync(postgres, onRealPort: true, settings: new Dictionary<string, string?>
        {
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.Authority)}"] = _provider.Authority.ToString(),
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.ClientId)}"] = TestOpenIdProvider.ClientId,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.ClientSecret)}"] = TestOpenIdProvider.ClientSecret,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.DisplayName)}"] = ProviderName,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.AdministratorClaim)}"] = "role",
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.AdministratorValue)}"] = AdministratorsGroup,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.Scopes)}:0"] = TestOpenIdProvider.RolesScope,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.RequireHttpsMetadata)}"] = "false",
        });
        await _provider.RegisterCatalogAsync(_catalog.Address);
    }

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task People_sign_in_with_the_provider_by_its_user_name_and_only_its_administrators_are_administrators()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(_catalog);

        var ada = await browser.NewPageAsync();
        await SignInWithProviderAsync(ada, Ada);
        await Assertions.Expect(ada.GetByText($"Signed in as {Ada} (administrator)")).ToBeVisibleAsync();
        await ada.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await Assertions.Expect(ada.GetByRole(AriaRole.Row).Filter(new() { HasText = Ada })).ToContainTextAsync(ProviderName);
        await browser.ScreenshotAsync(ada, "oidc-1-administrator.png");

        var grace = await browser.NewPageAsync();
        await SignInWithProviderAsync(grace, Grace);
        await Assertions.Expect(grace.GetByText($"Signed in as {Grace}", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(grace.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true })).ToHaveCountAsync(0);
        var refused = await grace.GotoAsync(PersonPages.Accounts);
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(grace.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        await browser.ScreenshotAsync(grace, "oidc-2-not-an-administrator.png");

        await grace.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(grace.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await grace.GotoAsync(PersonPages.Password);
        Assert.StartsWith(PersonPages.SignIn, new Uri(grace.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_provider_does_not_take_over_a_local_account_of_the_same_name()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(_catalog);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(PersonPages.SignIn);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {ProviderName}" }).ClickAsync();
        await page.GetByLabel("Who are you?").FillAsync(CatalogHost.AdministratorUserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"already has an account named {CatalogHost.AdministratorUserName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    private static async Task SignInWithProviderAsync(IPage page, string who)
    {
        await page.GotoAsync(PersonPages.SignIn);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {ProviderName}" }).ClickAsync();
        await page.GetByLabel("Who are you?").FillAsync(who);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }
}
