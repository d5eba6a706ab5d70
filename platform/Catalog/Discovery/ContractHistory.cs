using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using DataMesh.Contracts.Compatibility;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Discovery;

/// <summary>The registered versions of a contract, and the readable difference between any two of them.</summary>
public sealed class ContractHistory(CatalogDbContext db)
{
    /// <returns>The changes from <paramref name="from"/> to <paramref name="to"/>, or null when either version is not registered.</returns>
    public async Task<IReadOnlyList<ContractChange>?> DiffAsync(string contractId, string from, string to, CancellationToken cancellationToken)
    {
        var records = await db.ContractVersions.AsNoTracking()
            .Where(v => v.ContractId == contractId && (v.Version == from || v.Version == to)).ToListAsync(cancellationToken);
        var before = records.FirstOrDefault(r => r.Version == from);
        var after = records.FirstOrDefault(r => r.Version == to);
        return before is null || after is null
            ? null
            : ContractComparison.Compare(DataProductCatalogueLoader.LoadContract(before.Path, before.Yaml), DataProductCatalogueLoader.LoadContract(after.Path, after.Yaml));
    }
}
