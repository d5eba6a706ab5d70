using DataMesh.Testing;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// One catalog, on its own PostgreSQL server, shared by the many cells of a permission matrix (a catalog per cell would
/// take minutes); HR and finance are registered, the kept teams created and the provisioning role of consumers' SQL logins made, and each cell sets up a <see cref="Scene"/> of its own.
/// </summary>
public sealed class MatrixCatalog : IAsyncLifetime
{
    private readonly PostgresServerFixture _postgres = new();
    private int _scenes;

    public CatalogHost Catalog { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Catalog = await CatalogHost.StartAsync(_postgres, settings: await Sql.SqlProvisioning.SettingsAsync(_postgres));
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
        await People.CreateTeamsAsync(Catalog);
    }

    public async Task DisposeAsync()
    {
        await Catalog.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    internal Task<Scene> NewSceneAsync() => Scene.SetUpAsync(Catalog, Interlocked.Increment(ref _scenes));
}
