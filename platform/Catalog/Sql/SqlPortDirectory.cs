using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Which data products have a SQL output port: an output port of the product's newest registered descriptor whose contract
/// version has a <c>postgres</c> server (<see cref="SqlPort.Of"/>). A product version's stored descriptor and contracts
/// are read once per process (<see cref="RegisteredSqlPorts"/>); afterwards only the newest version is looked up.
/// </summary>
public sealed class SqlPortDirectory(CatalogDbContext db, RegisteredSqlPorts registered)
{
    /// <summary>The SQL ports of <paramref name="productIds"/> (those without one, or not registered, have none).</summary>
    public async Task<IReadOnlyList<SqlPortFacts>> FindAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var newest = await db.DataProducts.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Version }).ToListAsync(cancellationToken);
        var unread = newest.Where(p => !registered.TryGet(p.Id, p.Version, out _)).Select(p => p.Id).ToList();
        var read = unread.Count > 0 ? await ReadAsync(unread, cancellationToken) : [];
        return newest.SelectMany(p => registered.TryGet(p.Id, p.Version, out var ports) ? ports : read.GetValueOrDefault(p.Id, [])).ToList();
    }

    /// <summary>Reads the newest registered descriptor of each of <paramref name="productIds"/> and the contracts it offers, by product.</summary>
    private async Task<Dictionary<string, IReadOnlyList<SqlPortFacts>>> ReadAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken)
    {
        var newest = await db.DataProducts.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Join(db.DataProductVersions.AsNoTracking(), p => new { Id = p.Id, p.Version }, v => new { Id = v.DataProductId, v.Version }, (p, v) => v)
            .ToListAsync(cancellationToken);
        var contracts = await db.ContractVersions.AsNoTracking().Where(c => productIds.Contains(c.DataProductId)).ToListAsync(cancellationToken);
        var read = new Dictionary<string, IReadOnlyList<SqlPortFacts>>(StringComparer.Ordinal);
        foreach (var version in newest)
        {
            var ports = new List<SqlPortFacts>();
            var complete = true;
            foreach (var port in DataProductCatalogueLoader.LoadDescriptor(version.Path, version.Yaml).OutputPorts)
            {
                var contract = contracts.SingleOrDefault(c => c.ContractId == port.ContractId && c.Version == port.Version.ToString());
                if (contract is null)
                {
                    complete = false;
                }
                else if (SqlPort.Of(DataProductCatalogueLoader.LoadContract(contract.Path, contract.Yaml)) is { } sqlPort)
                {
                    ports.Add(SqlPortFacts.Of(version.DataProductId, port.Name, sqlPort));
                }
            }

            read[version.DataProductId] = ports;
            if (complete)
            {
                registered.Keep(version.DataProductId, version.Version, ports);
            }
        }

        return read;
    }

    /// <summary>The product's SQL ports, none when it has none.</summary>
    public Task<IReadOnlyList<SqlPortFacts>> FindAsync(string productId, CancellationToken cancellationToken) => FindAsync([productId], cancellationToken);

    /// <summary>Those of <paramref name="productIds"/> that have a SQL port.</summary>
    public async Task<IReadOnlySet<string>> WithSqlPortsAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken) =>
        (await FindAsync(productIds, cancellationToken)).Select(p => p.DataProductId).ToHashSet(StringComparer.Ordinal);
}
