using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// A SQL output port as its contract describes it: one version of a data product's contract served as tables or views
/// in a schema of the owning domain's own database. The one reading of "the SQL port a contract describes": the
/// grants reconciler, the live-schema check, the catalog's port directory and the mesh federation all start from it.
/// </summary>
/// <param name="DataProductId">The product the contract belongs to (the contract's <c>dataProduct</c>).</param>
/// <param name="Domain">The owning domain (the contract's <c>domain</c>).</param>
/// <param name="ContractId">The port's contract, e.g. <c>hr.headcount.tables</c>.</param>
/// <param name="Version">The contract's version.</param>
/// <param name="Server">The contract's PostgreSQL server (<see cref="DataContract.SqlServer"/>).</param>
/// <param name="Schema">
/// The schema the port lives in, e.g. <c>headcount_v1</c>: the server's (ODCS requires a postgres server to name one), else the
/// mesh's <see cref="SchemaName"/>.
/// </param>
/// <param name="Objects">The contract's tables and views (<see cref="DataContract.StoredObjects"/>), in the contract's order.</param>
public sealed record SqlPort(
    string DataProductId,
    string Domain,
    string ContractId,
    SemVersion Version,
    ContractServer Server,
    string Schema,
    IReadOnlyList<SqlPortObject> Objects)
{
    /// <summary>The database holding the port's schema, as the server names it; null when it names none.</summary>
    public string? Database => Server.Database is { Length: > 0 } database ? database : null;

    /// <summary>
    /// The SQL port <paramref name="contract"/> describes, or null when it is not served in PostgreSQL (no server of type
    /// <c>postgres</c> or <c>postgresql</c>). <paramref name="server"/> picks one of the contract's PostgreSQL servers
    /// when a caller is given one (the tool tests a contract server by server); otherwise <see cref="DataContract.SqlServer"/>.
    /// </summary>
    public static SqlPort? Of(DataContract contract, ContractServer? server = null)
    {
        if ((server ?? contract.SqlServer) is not { IsPostgres: true } sqlServer)
        {
            return null;
        }

        var objects = contract.StoredObjects.Select(o => new SqlPortObject(
                o.Name,
                o.PhysicalName ?? o.Name,
                o.PhysicalType!,
                o.Description,
                o.Properties.Select(p => new SqlPortColumn(
                    p.Name,
                    // The name a query uses: the column's physical name where the contract gives one.
                    p.PhysicalName ?? p.Name,
                    p.PhysicalType,
                    p.LogicalType,
                    p.Options.Format,
                    p.Required,
                    p.PrimaryKey,
                    p.Classification,
                    p.IsPersonalData,
                    p.Description)).ToList()))
            .ToList();
        return new SqlPort(contract.DataProduct, contract.Domain, contract.Id, contract.Version, sqlServer,
            sqlServer.Schema is { Length: > 0 } schema ? schema : SchemaName(contract), objects);
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

/// <summary>A table or view of a SQL port.</summary>
/// <param name="Name">The schema object's name in the contract.</param>
/// <param name="PhysicalName">The relation in the port's schema (ODCS <c>physicalName</c>, else the name).</param>
/// <param name="Kind">ODCS <c>physicalType</c>: <see cref="SchemaObject.TablePhysicalType"/> or <see cref="SchemaObject.ViewPhysicalType"/>.</param>
public sealed record SqlPortObject(string Name, string PhysicalName, string Kind, string? Description, IReadOnlyList<SqlPortColumn> Columns)
{
    /// <summary>Whether any column holds personal data: then a grant without personal data reads only the others.</summary>
    public bool HasPersonalData => Columns.Any(c => c.IsPersonalData);

    /// <summary>The physical names of the columns every grant may read.</summary>
    public IReadOnlyList<string> NonPersonalColumns => Columns.Where(c => !c.IsPersonalData).Select(c => c.PhysicalName).ToList();
}

/// <summary>A column of a SQL port's table or view.</summary>
/// <param name="Name">The property's name in the contract.</param>
/// <param name="PhysicalName">The column in the relation (ODCS <c>physicalName</c>, else the name).</param>
/// <param name="PhysicalType">The column's PostgreSQL type as the contract writes it (ODCS <c>physicalType</c>), null when none is.</param>
/// <param name="Format">The logical type's <c>format</c> (<c>date</c>, <c>uuid</c>, …), null when none is.</param>
/// <param name="IsPersonalData">Whether the contract marks it personal data (custom property <c>pii: true</c>).</param>
public sealed record SqlPortColumn(
    string Name,
    string PhysicalName,
    string? PhysicalType,
    LogicalType LogicalType,
    string? Format,
    bool Required,
    bool PrimaryKey,
    Classification Classification,
    bool IsPersonalData,
    string? Description);
