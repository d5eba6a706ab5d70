using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;

namespace DataMesh.DataProducts.SqlPorts.Grants;

/// <summary>
/// The SQL output ports of the domain's own data products (<see cref="SqlPort.Of"/> of each contract they offer); upstream
/// copies of other domains' contracts are never the domain's to grant.
/// </summary>
public sealed class DomainSqlPorts
{
    public DomainSqlPorts(DataProductCatalogue catalogue, DataProductsOptions options)
    {
        All = catalogue.DataProducts
            .Where(p => p.Domain == options.Domain)
            .SelectMany(catalogue.ContractsOffered, (product, contract) => SqlPort.Of(contract) is { } port ? port with { DataProductId = product.Id } : null)
            .OfType<SqlPort>()
            .DistinctBy(p => p.Schema)
            .ToList();
    }

    public IReadOnlyList<SqlPort> All { get; }

    /// <summary>The schemas of all the domain's ports: a consumer keeps <c>CONNECT</c> while it holds anything on one of them.</summary>
    public IReadOnlyList<string> Schemas => All.Select(p => p.Schema).ToList();

    /// <summary>Whether <paramref name="dataProductId"/> is one of the domain's products with a SQL port.</summary>
    public bool Serves(string dataProductId) => All.Any(p => p.DataProductId == dataProductId);
}
