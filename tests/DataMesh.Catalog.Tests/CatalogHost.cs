using DataMesh.Catalog.People;
using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog service as it runs, on its own fresh database of a real PostgreSQL server, with its first administrator
/// (<see cref="AdministratorUserName"/>); <c>settings</c> add to or override its configuration.
/// </summary>
public sealed class CatalogHost(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdministratorUserName = "admin@datamesh.example";

    /// <summary>Only ever a test's: the AppHost generates the real one as a secret parameter.</summary>
    public const string AdministratorPassword = "test-administrator-password";

    public static async Task<CatalogHost> StartAsync(PostgresServerFixture postgres, bool onRealPort = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new CatalogHost(await postgres.CreateDatabaseAsync("catalog"), settings);
        if (onRealPort)
        {
            // A browser needs a socket: Kestrel on a free port instead of the in-memory test server.
            host.UseKestrel(0);
        }

        try
        {
            host.StartServer();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Where Kestrel listens, when started on a real port.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>A scope for reading the catalog's database directly.</summary>
    public async Task<T> QueryAsync<T>(Func<CatalogDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:catalog-db", connectionString);
        builder.UseSetting(AdministratorSettings.UserNameKey, AdministratorUserName);
        builder.UseSetting(AdministratorSettings.PasswordKey, AdministratorPassword);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
