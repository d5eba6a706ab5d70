using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>The catalog service as it runs, on its own fresh database of a real PostgreSQL server.</summary>
public sealed class CatalogHost(string connectionString) : WebApplicationFactory<Program>
{
    public static async Task<CatalogHost> StartAsync(PostgresServerFixture postgres, bool onRealPort = false)
    {
        var host = new CatalogHost(await postgres.CreateDatabaseAsync("catalog"));
        if (onRealPort)
        {
            // A browser needs a socket: Kestrel on a free port instead of the in-memory test server.
            host.UseKestrel(0);
        }

        host.StartServer();
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
    }
}
