using System.Net;
using System.Net.Http.Json;
using DataMesh.Catalog.Api;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>The mesh federation inside the catalog: there only when the catalog is given the mesh database, and run again by each registration.</summary>
public sealed class MeshFederationHostTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task A_registration_makes_the_catalog_match_the_mesh_database_to_the_registry_at_once_not_a_minute_later()
    {
        var scene = await MeshScene.CreateAsync(postgres);
        await using var catalog = await CatalogHost.StartAsync(postgres, settings: new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{SqlPortConnections.MeshDatabase}"] = scene.MeshConnectionString,
            [$"{CatalogSettingKeys.MeshDomainDatabases}:hr"] = scene.Hr,
            [$"{CatalogSettingKeys.MeshDomainDatabases}:finance"] = scene.Finance,
        });
        _ = catalog.CreateClient();
        // At start: one foreign server per domain database.
        await Eventually.TrueAsync(async () => await ServersAsync(scene) == 2, TimeSpan.FromSeconds(30), () => "the catalog made no foreign servers at start");

        await scene.ExecuteAsync(scene.Mesh, $"DROP SERVER \"{scene.Hr}\" CASCADE");
        var registered = await catalog.ServiceClient("hr").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations", Definitions.Hr());
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        // The next round would come a minute later; the committed registration asks for one now.
        await Eventually.TrueAsync(async () => await ServersAsync(scene) == 2, TimeSpan.FromSeconds(20), () => "the registration did not start a round");
    }

    [Fact]
    public async Task Without_the_mesh_database_the_catalog_federates_nothing_and_observes_no_logins()
    {
        await using var catalog = await CatalogHost.StartAsync(postgres);
        _ = catalog.CreateClient();

        Assert.Null(catalog.Services.GetService<Catalog.Sql.ISqlLoginObserver>());
        Assert.Null(catalog.Services.GetService<Catalog.Sql.Federation.MeshFederationReconciler>());
    }

    private static async Task<long> ServersAsync(MeshScene scene) =>
        (long)(await scene.ScalarAsync(scene.Mesh, "SELECT count(*) FROM pg_foreign_server"))!;
}
