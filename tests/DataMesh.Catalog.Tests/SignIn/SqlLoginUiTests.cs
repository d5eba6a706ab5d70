using DataMesh.Catalog.Sql;
using DataMesh.Catalog.Tests.Sql;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// The consumers page's PostgreSQL login in a real headless Chromium: a member of the consumer's team creates the login
/// and sees its password once, with how to connect (never the password in the hint), rotates it and revokes it; each step
/// is checked against the server itself.
/// </summary>
public sealed class SqlLoginUiTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Password = SqlGrantScene.Password;
    private const string Consumer = "sql-app";

    private CatalogHost catalog = null!;

    private static string Role => SqlLoginRole.Prefix + Consumer;

    public async Task InitializeAsync() => catalog = await SqlGrantScene.StartAsync(postgres, Consumer, Tests.People.ConsumerTeamMember);

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public async Task A_member_of_the_team_creates_sees_the_password_once_rotates_and_revokes()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(catalog);
        var grace = await browser.SignInAsync(Tests.People.ConsumerTeamMember, Password);
        await grace.GotoAsync("/consumers");
        var login = grace.GetByRole(AriaRole.Region, new() { Name = $"PostgreSQL login of {Consumer}" });
        await Assertions.Expect(login).ToContainTextAsync("None.");

        await login.GetByRole(AriaRole.Button, new() { Name = $"Create SQL login for {Consumer}" }).ClickAsync();

        var shown = grace.GetByRole(AriaRole.Status, new() { Name = "New PostgreSQL password" });
        var password = await shown.GetByLabel("New password").InnerTextAsync();
        Assert.Equal(Role, await SqlProvisioning.SignInAsync(postgres, Role, password));
        // How to connect: the server, the granted product's database and the role, never the password.
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        await Assertions.Expect(shown).ToContainTextAsync($"Host={server.Host};Port={server.Port};Database=hr;Username={Role}");
        await Assertions.Expect(shown).ToContainTextAsync($"postgresql://{Role}@{server.Host}:{server.Port}/hr");
        Assert.Single(await shown.Locator("pre").AllInnerTextsAsync(), text => text.Contains(password, StringComparison.Ordinal));
        await Assertions.Expect(login).ToContainTextAsync($"Active: role {Role}, issued");
        await browser.ScreenshotAsync(grace, "sql-login-created.png");

        // Shown once: the page again says the login is there, never its password.
        await grace.GotoAsync("/consumers");
        await Assertions.Expect(login).ToContainTextAsync($"Active: role {Role}");
        await Assertions.Expect(grace.GetByLabel("New password")).ToHaveCountAsync(0);
        Assert.DoesNotContain(password, await grace.ContentAsync(), StringComparison.Ordinal);

        await login.GetByRole(AriaRole.Button, new() { Name = $"Rotate password of {Consumer}" }).ClickAsync();

        var rotated = await grace.GetByLabel("New password").InnerTextAsync();
        Assert.NotEqual(password, rotated);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => SqlProvisioning.SignInAsync(postgres, Role, password));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        Assert.Equal(Role, await SqlProvisioning.SignInAsync(postgres, Role, rotated));

        // What an owning domain grants the login, so that the revoked role stays (not dropped) while the page shows it.
        var domain = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("domain")).Database!;
        await SqlProvisioning.ExecuteAsync(postgres, $"GRANT CONNECT ON DATABASE {SqlIdentifier.Quote(domain)} TO {SqlIdentifier.Quote(Role)}");

        await login.GetByRole(AriaRole.Button, new() { Name = $"Revoke login of {Consumer}" }).ClickAsync();

        await Assertions.Expect(grace.GetByRole(AriaRole.Status)).ToContainTextAsync($"The PostgreSQL login of {Consumer} is revoked");
        await Assertions.Expect(login).ToContainTextAsync($"role {Role} opens no session");
        await Assertions.Expect(login.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        var ended = await Assert.ThrowsAsync<PostgresException>(() => SqlProvisioning.SignInAsync(postgres, Role, rotated));
        Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, ended.SqlState);
        await browser.ScreenshotAsync(grace, "sql-login-revoked.png");
    }
}
