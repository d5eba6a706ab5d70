using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>The catalog service as it runs, on its own fresh database of a real PostgreSQL server.</summary>
public sealed class CatalogHost(string connectionString) : WebApplicationFactory<Program>
{
    public static async Task<CatalogHost> StartAsync(PostgresServerFixture postgres)
    {
        var host = new CatalogHost(await postgres.CreateDatabaseAsync("catalog"));
        host.StartServer();
        return host;
    }

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
