using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Which data products have a SQL output port: an output port of the product's newest registered descriptor whose contract
/// version has a <c>postgres</c> server. Read back from the registered files with the shared loader, as the product page is.
/// </summary>
public sealed class SqlPortDirectory(CatalogDbContext db)
{
    /// <summary>The SQL ports of <paramref name="productIds"/> (those without one, or not registered, have none).</summary>
    public async Task<IReadOnlyList<SqlPortFacts>> FindAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var newest = await db.DataProducts.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Join(db.DataProductVersions.AsNoTracking(), p => new { Id = p.Id, p.Version }, v => new { Id = v.DataProductId, v.Version }, (p, v) => v)
            .OrderBy(v => v.DataProductId).ToListAsync(cancellationToken);
        var contracts = await db.ContractVersions.AsNoTracking().Where(c => productIds.Contains(c.DataProductId)).ToListAsync(cancellationToken);
        var ports = new List<SqlPortFacts>();
        foreach (var version in newest)
        {
            var descriptor = DataProductCatalogueLoader.LoadDescriptor(version.Path, version.Yaml);
            foreach (var port in descriptor.OutputPorts)
            {
                var registered = contracts.SingleOrDefault(c => c.ContractId == port.ContractId && c.Version == port.Version.ToString());
                if (registered is not null && Of(version.DataProductId, port.Name, DataProductCatalogueLoader.LoadContract(registered.Path, registered.Yaml)) is { } sqlPort)
                {
                    ports.Add(sqlPort);
                }
            }
        }

        return ports;
    }

    /// <summary>The product's SQL ports, none when it has none.</summary>
    public Task<IReadOnlyList<SqlPortFacts>> FindAsync(string productId, CancellationToken cancellationToken) => FindAsync([productId], cancellationToken);

    /// <summary>Those of <paramref name="productIds"/> that have a SQL port.</summary>
    public async Task<IReadOnlySet<string>> WithSqlPortsAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken) =>
        (await FindAsync(productIds, cancellationToken)).Select(p => p.DataProductId).ToHashSet(StringComparer.Ordinal);

    private static SqlPortFacts? Of(string productId, string portName, DataContract contract) =>
        SqlPort.Of(contract) is { } port ? SqlPortFacts.Of(productId, portName, port) : null;
}
