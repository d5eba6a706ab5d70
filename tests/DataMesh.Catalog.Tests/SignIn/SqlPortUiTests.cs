using DataMesh.Catalog.Sql;
using DataMesh.Catalog.Tests.Sql;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// The product page's SQL port in a real headless Chromium: everyone reads the server, schema, tables and columns with their
/// classifications and personal flags; only a member of the team whose consumer is granted the product and has a login sees
/// how to connect (the connection string without the password), not another team's member, not an anonymous visitor.
/// </summary>
public sealed class SqlPortUiTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Password = SqlGrantScene.Password;
    private const string Consumer = "sql-reader";

    private CatalogHost catalog = null!;

    private static string Role => SqlLoginRole.Prefix + Consumer;

    public async Task InitializeAsync()
    {
        catalog = await SqlGrantScene.StartAsync(postgres, Consumer, Tests.People.ConsumerTeamMember, Tests.People.OtherTeamMember);
        await catalog.WithServicesAsync(services =>
            services.GetRequiredService<SqlLogins>().CreateAsync(Consumer, Tests.People.Administrator, CancellationToken.None));
    }

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public async Task The_granted_team_sees_how_to_connect_and_nobody_else_does()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(catalog);

        var grace = await browser.SignInAsync(Tests.People.ConsumerTeamMember, Password);
        await grace.GotoAsync("/products/hr.employees");
        var port = grace.GetByRole(AriaRole.Region, new() { Name = "SQL port employee-events" });
        await AssertPortAsync(port);
        var connect = port.Locator("#sql-connect-employee-events");
        // The server the logins are on, as this deployment has it: the contract's (postgres:5432) is another deployment's.
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        await Assertions.Expect(connect).ToContainTextAsync($"Host={server.Host};Port={server.Port};Database=hr;Username={Role}");
        await Assertions.Expect(connect).ToContainTextAsync($"postgresql://{Role}@{server.Host}:{server.Port}/hr");
        await Assertions.Expect(connect).ToContainTextAsync("Password: the one shown when the login was issued");
        await browser.ScreenshotAsync(grace, "sql-port-granted-team.png");

        var hedy = await browser.SignInAsync(Tests.People.OtherTeamMember, Password);
        await hedy.GotoAsync("/products/hr.employees");
        await AssertPortAsync(hedy.GetByRole(AriaRole.Region, new() { Name = "SQL port employee-events" }));
        await AssertNoConnectionAsync(hedy);

        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync("/products/hr.employees");
        await AssertPortAsync(anonymous.GetByRole(AriaRole.Region, new() { Name = "SQL port employee-events" }));
        await AssertNoConnectionAsync(anonymous);
    }

    private static async Task AssertPortAsync(ILocator port)
    {
        await Assertions.Expect(port).ToContainTextAsync("database hr, schema employees_v1");
        var table = port.GetByRole(AriaRole.Table, new() { Name = "table employees_v1.employees: One row per employee." });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "employee_id" })).ToContainTextAsync("internalno");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "email" })).ToContainTextAsync("confidentialyes");
    }

    private static async Task AssertNoConnectionAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#sql-connect-employee-events")).ToHaveCountAsync(0);
        Assert.DoesNotContain(Role, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
