using Npgsql;

namespace Aspire.Hosting.Postgres;

/// <summary>
/// Makes a database belong to its own login role, through a superuser connection: the superuser only creates
/// roles and databases. Idempotent, since the server's data is kept between runs: an existing role gets this run's
/// password and loses any power it should not have, an existing database (and what earlier runs created in it as
/// another role) is handed to the role, and no other role may connect to it.
/// </summary>
public static class OwnedDatabase
{
    public static async Task EnsureAsync(string administrativeConnectionString, string databaseName, string role, string password, CancellationToken cancellationToken)
    {
        var administrative = new NpgsqlConnectionStringBuilder(administrativeConnectionString) { Pooling = false };
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(administrative.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync(cancellationToken).ConfigureAwait(false);
            // A login role and nothing more: not a superuser, no roles, no databases, no replication, row security applies.
            var attributes = $"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {QuoteLiteral(password)}";
            var roleExists = await ExistsAsync(server, "SELECT 1 FROM pg_roles WHERE rolname = $1", role, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(server, roleExists
                ? $"ALTER ROLE {QuoteIdentifier(role)} WITH {attributes}"
                : $"CREATE ROLE {QuoteIdentifier(role)} {attributes}", cancellationToken).ConfigureAwait(false);

            var databaseExists = await ExistsAsync(server, "SELECT 1 FROM pg_database WHERE datname = $1", databaseName, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(server, databaseExists
                ? $"ALTER DATABASE {QuoteIdentifier(databaseName)} OWNER TO {QuoteIdentifier(role)}"
                : $"CREATE DATABASE {QuoteIdentifier(databaseName)} OWNER {QuoteIdentifier(role)}", cancellationToken).ConfigureAwait(false);
            // PostgreSQL lets every role connect to a new database (PUBLIC has CONNECT and TEMPORARY): only its owner may.
            await ExecuteAsync(server, $"REVOKE ALL ON DATABASE {QuoteIdentifier(databaseName)} FROM PUBLIC", cancellationToken).ConfigureAwait(false);
        }

        // Since PostgreSQL 15 the public schema belongs to the database's owner; tables an earlier run created as the
        // superuser do not, and the service could no longer migrate or read them.
        await using var database = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(administrative.ConnectionString) { Database = databaseName }.ConnectionString);
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in await ForeignOwnedObjectsAsync(database, role, cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(database, statement, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The schemas and relations of the database that another role owns, as the statements that hand them over.
    /// Sequences that belong to a column follow their table.
    /// </summary>
    private static async Task<List<string>> ForeignOwnedObjectsAsync(NpgsqlConnection database, string role, CancellationToken cancellationToken)
    {
        const string Query = """
            SELECT 'SCHEMA', NULL, n.nspname FROM pg_namespace n
             WHERE n.nspowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
               AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\_%'
            UNION ALL
            SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                   n.nspname, c.relname
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
               AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
               AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
               AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
            """;
        await using var command = new NpgsqlCommand(Query, database);
        command.Parameters.AddWithValue(role);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var statements = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = reader.GetString(0);
            var name = reader.IsDBNull(1) ? QuoteIdentifier(reader.GetString(2)) : $"{QuoteIdentifier(reader.GetString(1))}.{QuoteIdentifier(reader.GetString(2))}";
            statements.Add($"ALTER {kind} {name} OWNER TO {QuoteIdentifier(role)}");
        }

        return statements;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string query, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(query, connection);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Role and database statements take no bind parameters: literals are quoted the way the server does.</summary>
    internal static string QuoteLiteral(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    internal static string QuoteIdentifier(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
