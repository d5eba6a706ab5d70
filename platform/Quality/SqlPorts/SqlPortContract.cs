using DataMesh.Contracts;
using Npgsql;

namespace DataMesh.Quality.SqlPorts;

/// <summary>
/// What a SQL output port's contract says its schema holds: the PostgreSQL server (type <c>postgres</c> or
/// <c>postgresql</c>) whose <c>schema</c> is the port's, and each table or view object with its columns
/// (<c>physicalName</c> else name, <c>physicalType</c>, <c>required</c>, <c>primaryKey</c>).
/// </summary>
public static class SqlPortContract
{
    /// <summary>The contract's PostgreSQL server called <paramref name="serverName"/>, or its only one when no name is given; null when there is none.</summary>
    public static ContractServer? Server(DataContract contract, string? serverName = null)
    {
        var servers = contract.Servers.Where(s => s.IsPostgres).ToList();
        return serverName is null ? (servers.Count == 1 ? servers[0] : null) : servers.FirstOrDefault(s => s.Server == serverName);
    }

    /// <summary>The tables and views the contract describes, as the schema check compares them.</summary>
    public static IReadOnlyList<SqlPortObject> Objects(DataContract contract) =>
        contract.StoredObjects.Select(o => new SqlPortObject(
                o.PhysicalName ?? o.Name,
                o.PhysicalType!,
                o.Properties.Select(p => new SqlPortColumn(p.PhysicalName ?? p.Name, p.PhysicalType ?? "", p.Required, p.PrimaryKey)).ToList()))
            .ToList();

    /// <summary>
    /// The differences between the live schema behind <paramref name="server"/> and the contract; none when they are equal.
    /// </summary>
    /// <exception cref="ArgumentException">The server names no schema.</exception>
    public static Task<IReadOnlyList<SqlPortSchemaDifference>> CheckAsync(
        NpgsqlDataSource database, DataContract contract, ContractServer server, CancellationToken cancellationToken = default) =>
        server.Schema is { Length: > 0 } schema
            ? SqlPortSchemaCheck.CompareAsync(database, schema, Objects(contract), cancellationToken)
            : throw new ArgumentException($"Server '{server.Server}' of contract {contract.Id} names no schema; the SQL port's objects live in one.", nameof(server));
}
