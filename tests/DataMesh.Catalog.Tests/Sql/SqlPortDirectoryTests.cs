using DataMesh.Catalog.Registry;
using DataMesh.Catalog.Sql;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// Which products have a SQL port, as the product page, logins and grant events ask it: a registered product version's
/// descriptor and contracts are read once, since the registry never changes a registered version.
/// </summary>
public sealed class SqlPortDirectoryTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task A_product_versions_sql_ports_are_read_from_the_stored_contracts_once_and_then_answered_without_reading_them_again()
    {
        await using var catalog = await CatalogHost.StartAsync(postgres);
        await catalog.RegisterAsync(SqlPortDefinitions.Hr());
        var first = await catalog.WithServicesAsync(services => services.GetRequiredService<SqlPortDirectory>().FindAsync("hr.employees", CancellationToken.None));
        var port = Assert.Single(first);
        Assert.Equal(("hr", "employees_v1", "employees"), (port.Database, port.Schema, Assert.Single(port.Tables).Name));

        // Stored text that no longer reads: a request that read it again would fail.
        await catalog.WithServicesAsync(services => services.GetRequiredService<CatalogDbContext>().ContractVersions
            .Where(c => c.DataProductId == "hr.employees").ExecuteUpdateAsync(c => c.SetProperty(v => v.Yaml, "not: [a contract"), CancellationToken.None));

        var again = await catalog.WithServicesAsync(services => services.GetRequiredService<SqlPortDirectory>().FindAsync("hr.employees", CancellationToken.None));
        Assert.Equal(port, Assert.Single(again));
    }
}
