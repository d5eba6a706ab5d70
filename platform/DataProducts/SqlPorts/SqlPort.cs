using DataMesh.Contracts;

namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// A SQL output port: one version of a data product's contract served as tables or views in a schema of the owning
/// domain's own database, read by the consumers the catalog granted it to.
/// </summary>
/// <param name="DataProductId">The product the contract belongs to.</param>
/// <param name="ContractId">The port's contract, e.g. <c>hr.headcount.tables</c>.</param>
/// <param name="Schema">The schema the port lives in, e.g. <c>headcount_v1</c>.</param>
/// <param name="Objects">The contract's tables and views, each with its columns.</param>
public sealed record SqlPort(string DataProductId, string ContractId, string Schema, IReadOnlyList<SqlPortObject> Objects)
{
    /// <summary>
    /// The SQL port a contract describes, or null when the contract is not served in PostgreSQL. The one place that
    /// knows how a contract says so: a server of type <c>postgres</c> (ODCS also writes <c>postgresql</c>), whose
    /// <c>schema</c> holds the contract's tables and views (the mesh's <see cref="SchemaName"/> when it names none).
    /// </summary>
    public static SqlPort? Of(DataContract contract)
    {
        if (contract.SqlServer is not { } server)
        {
            return null;
        }

        var objects = contract.StoredObjects
            .Select(o => new SqlPortObject(
                o.PhysicalName ?? o.Name,
                o.Properties.Select(p => new SqlPortColumn(p.PhysicalName ?? p.Name, p.IsPersonalData)).ToList()))
            .ToList();
        return new SqlPort(contract.DataProduct, contract.Id, server.Schema ?? SchemaName(contract), objects);
    }

    /// <summary>
    /// The mesh's name for a port's schema: the product's name after its domain, <c>-</c> as <c>_</c>, and the contract's
    /// major version, so a new major version lives beside the old one (<c>hr.headcount</c> 1.x: <c>headcount_v1</c>).
    /// </summary>
    public static string SchemaName(DataContract contract)
    {
        var name = contract.DataProduct.StartsWith(contract.Domain + ".", StringComparison.Ordinal)
            ? contract.DataProduct[(contract.Domain.Length + 1)..]
            : contract.DataProduct;
        return $"{name.Replace('-', '_').Replace('.', '_')}_v{contract.Version.Major}";
    }
}

/// <summary>A table or view of a SQL port, with its columns as the contract names them (physical names).</summary>
public sealed record SqlPortObject(string Name, IReadOnlyList<SqlPortColumn> Columns)
{
    /// <summary>Whether any column holds personal data: then a grant without personal data reads only the others.</summary>
    public bool HasPersonalData => Columns.Any(c => c.IsPersonalData);

    /// <summary>The columns every grant may read.</summary>
    public IReadOnlyList<string> NonPersonalColumns => Columns.Where(c => !c.IsPersonalData).Select(c => c.Name).ToList();
}

/// <summary>A column of a SQL port's object and whether the contract marks it personal data (<c>pii: true</c>).</summary>
public sealed record SqlPortColumn(string Name, bool IsPersonalData);
