using System.Security.Cryptography;
using System.Text;
using DataMesh.DataProducts.SqlPorts;
using Npgsql;

namespace DataMesh.Catalog.Sql.Federation;

/// <summary>
/// The mesh database, kept by its owner (the <c>mesh</c> role): one postgres_fdw foreign server per domain database, one
/// schema of foreign tables per SQL port (<see cref="FederatedPort"/>) with SELECT for the consumers' group, and per consumer
/// a user mapping on every foreign server carrying the consumer's own role and password, so that what it reads through the
/// mesh database is exactly what the owning domains granted that role. The mesh role itself holds no user mapping and so
/// reads nothing of any domain.
/// </summary>
public sealed class MeshFederation(MeshFederationOptions options, ILogger<MeshFederation> logger) : ISqlLoginObserver
{
    private const string ForeignDataWrapper = "postgres_fdw";

    /// <summary>What marks a foreign table as made from a definition, so an unchanged one is not made again every round.</summary>
    private const string DefinitionMark = "datamesh-port:";

    /// <summary>Rows postgres_fdw fetches per round trip (its default, 100, costs a round trip per 100 rows of a large read).</summary>
    private const string FetchSize = "10000";

    public MeshFederationOptions Options => options;

    /// <summary>Makes one foreign server per domain database, pointing at the mesh database's own server, and nothing else.</summary>
    public async Task EnsureServersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);
        var group = SqlIdentifier.Quote(SqlPortConnections.ConsumersGroupRole);
        // The owner of the mesh database lets the consumers in; what they read there is decided by each domain.
        await ExecuteAsync(connection, $"GRANT CONNECT ON DATABASE {SqlIdentifier.Quote(connection.Database)} TO {group}", cancellationToken);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = options.Host,
            ["port"] = options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fetch_size"] = FetchSize,
        };
        foreach (var database in options.DomainDatabases.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var existing = await OptionsAsync(connection, "SELECT srvoptions FROM pg_foreign_server WHERE srvname = $1", database, cancellationToken);
            var serverOptions = new Dictionary<string, string>(wanted, StringComparer.Ordinal) { ["dbname"] = database };
            await ExecuteAsync(connection, existing is null
                ? $"CREATE SERVER {SqlIdentifier.Quote(database)} FOREIGN DATA WRAPPER {ForeignDataWrapper} OPTIONS ({OptionList(serverOptions, null)})"
                : $"ALTER SERVER {SqlIdentifier.Quote(database)} OPTIONS ({OptionList(serverOptions, existing)})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Makes each port's schema hold one foreign table per table or view of its contract, with the contract's columns, and
    /// nothing else; the consumers' group may use the schema and select from its tables. A port whose database is not
    /// federated is left out (logged).
    /// </summary>
    public async Task FederateAsync(IEnumerable<FederatedPort> ports, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var port in ports)
        {
            if (!options.DomainDatabases.Values.Contains(port.Database, StringComparer.Ordinal))
            {
                logger.LogWarning("The SQL port {Schema} of domain {Domain} is in database {Database}, which the mesh database does not federate.",
                    port.RemoteSchema, port.Domain, port.Database);
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, cancellationToken);
            var schema = SqlIdentifier.Quote(port.LocalSchema);
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken);
            var existing = await ForeignTablesAsync(connection, port.LocalSchema, cancellationToken);
            foreach (var stale in existing.Keys.Except(port.Tables.Select(table => table.Name), StringComparer.Ordinal))
            {
                await ExecuteAsync(connection, $"DROP FOREIGN TABLE {schema}.{SqlIdentifier.Quote(stale)}", cancellationToken);
            }

            foreach (var table in port.Tables)
            {
                var mark = DefinitionMark + Definition(port, table);
                if (existing.TryGetValue(table.Name, out var comment) && comment == mark)
                {
                    continue;
                }

                var name = $"{schema}.{SqlIdentifier.Quote(table.Name)}";
                var columns = string.Join(", ", table.Columns.Select(column =>
                    $"{SqlIdentifier.Quote(column.Name)} {column.Type} OPTIONS (column_name {SqlIdentifier.Literal(column.RemoteName)})"));
                await ExecuteAsync(connection, $"DROP FOREIGN TABLE IF EXISTS {name}", cancellationToken);
                await ExecuteAsync(connection, $"CREATE FOREIGN TABLE {name} ({columns}) SERVER {SqlIdentifier.Quote(port.Database)} " +
                    $"OPTIONS (schema_name {SqlIdentifier.Literal(port.RemoteSchema)}, table_name {SqlIdentifier.Literal(table.RemoteName)})", cancellationToken);
                await ExecuteAsync(connection, $"COMMENT ON FOREIGN TABLE {name} IS {SqlIdentifier.Literal(mark)}", cancellationToken);
            }

            var group = SqlIdentifier.Quote(SqlPortConnections.ConsumersGroupRole);
            await ExecuteAsync(connection, $"GRANT USAGE ON SCHEMA {schema} TO {group}", cancellationToken);
            await ExecuteAsync(connection, $"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {group}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Creates or updates the consumer's user mapping on every foreign server: its own role, its new password.</summary>
    public async Task IssuedAsync(string role, string password, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal) { ["user"] = role, ["password"] = password };
        foreach (var (server, mapped) in await ServersAsync(connection, role, cancellationToken))
        {
            // The owner of a server may not read another role's mapping options, so both are always SET: postgres_fdw has
            // no other options for a mapping we make.
            await ExecuteAsync(connection, mapped
                ? $"ALTER USER MAPPING FOR {SqlIdentifier.Quote(role)} SERVER {SqlIdentifier.Quote(server)} OPTIONS ({OptionList(credentials, credentials)})"
                : $"CREATE USER MAPPING FOR {SqlIdentifier.Quote(role)} SERVER {SqlIdentifier.Quote(server)} OPTIONS ({OptionList(credentials, null)})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Drops the consumer's user mappings, so the role can be dropped and its password is kept nowhere.</summary>
    public async Task DroppingAsync(string role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);
        foreach (var (server, _) in (await ServersAsync(connection, role, cancellationToken)).Where(server => server.Mapped))
        {
            await ExecuteAsync(connection, $"DROP USER MAPPING IF EXISTS FOR {SqlIdentifier.Quote(role)} SERVER {SqlIdentifier.Quote(server)}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A short fingerprint of what a foreign table is made from.</summary>
    private static string Definition(FederatedPort port, FederatedTable table)
    {
        var text = $"{port.Database}|{port.RemoteSchema}|{table.RemoteName}|" + string.Join('|', table.Columns.Select(c => $"{c.Name}:{c.RemoteName}:{c.Type}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary><c>k 'v'</c> items, each <c>SET</c> when <paramref name="existing"/> has it and <c>ADD</c> otherwise (null: creating).</summary>
    private static string OptionList(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string>? existing) =>
        string.Join(", ", wanted.Select(option =>
            $"{(existing is null ? "" : existing.ContainsKey(option.Key) ? "SET " : "ADD ")}{option.Key} {SqlIdentifier.Literal(option.Value)}"));

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(options.MeshConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One change to the mesh database at a time, across catalog replicas too.</summary>
    private static Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('datamesh-mesh-federation'))", cancellationToken);

    /// <summary>The postgres_fdw servers the mesh role owns, and whether <paramref name="role"/> has a mapping on each.</summary>
    private static async Task<List<(string Server, bool Mapped)>> ServersAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        const string Query = """
            SELECT s.srvname, EXISTS (SELECT 1 FROM pg_user_mappings m WHERE m.srvid = s.oid AND m.usename = $1)
              FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
             WHERE w.fdwname = 'postgres_fdw' AND s.srvowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             ORDER BY s.srvname
            """;
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue(role);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var servers = new List<(string, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            servers.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return servers;
    }

    /// <summary>The foreign tables of a schema and their comments.</summary>
    private static async Task<Dictionary<string, string?>> ForeignTablesAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        const string Query = """
            SELECT c.relname, obj_description(c.oid, 'pg_class')
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relkind = 'f'
            """;
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue(schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return tables;
    }

    /// <summary>A catalog row's options (<c>k=v</c> texts), or null when there is no such row.</summary>
    private static async Task<Dictionary<string, string>?> OptionsAsync(NpgsqlConnection connection, string query, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(query, connection);
        command.Parameters.AddWithValue(name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.IsDBNull(0) ? [] : reader.GetFieldValue<string[]>(0))
            .Select(option => option.Split('=', 2))
            .ToDictionary(option => option[0], option => option.Length > 1 ? option[1] : "", StringComparer.Ordinal);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
