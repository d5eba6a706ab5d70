namespace DataMesh.Catalog.Sql.Federation;

/// <summary>
/// One SQL output port as the mesh database federates it: the port schema <see cref="RemoteSchema"/> in the owning domain's
/// database <see cref="Database"/>, seen in the mesh database as the schema <see cref="LocalSchema"/>
/// (<c>{domain}_{port schema}</c>, e.g. <c>hr_headcount_v1</c>), one foreign table per table or view of its contract.
/// </summary>
public sealed record FederatedPort(string Domain, string Database, string RemoteSchema, IReadOnlyList<FederatedTable> Tables)
{
    /// <summary>The schema in the mesh database: the domain first, so two domains' ports never share a name.</summary>
    public string LocalSchema => $"{Domain.Replace('-', '_')}_{RemoteSchema}";
}

/// <summary>A table or view of a port, and the columns its contract states.</summary>
public sealed record FederatedTable(string Name, string RemoteName, IReadOnlyList<FederatedColumn> Columns);

/// <summary>A column: its name in the mesh database, its name in the domain's port, and its PostgreSQL type.</summary>
public sealed record FederatedColumn(string Name, string RemoteName, string Type);
