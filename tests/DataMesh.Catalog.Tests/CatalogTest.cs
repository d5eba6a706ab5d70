using DataMesh.Testing;

namespace DataMesh.Catalog.Tests;

/// <summary>A test class with its own catalog on its own fresh database, optionally seeded through the API.</summary>
public abstract class CatalogTest(PostgresServerFixture postgres, bool onRealPort = false) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    protected CatalogHost Catalog { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync(postgres, onRealPort);
        Http = Catalog.CreateClient();
        await SeedAsync();
    }

    public async Task DisposeAsync() => await Catalog.DisposeAsync();

    protected virtual Task SeedAsync() => Task.CompletedTask;
}
