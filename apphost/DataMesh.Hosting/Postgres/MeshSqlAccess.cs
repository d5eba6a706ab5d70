using Aspire.Hosting.ApplicationModel;
using DataMesh.DataProducts.SqlPorts;
using Npgsql;

namespace Aspire.Hosting.Postgres;

/// <summary>
/// What only the superuser may do for the mesh's SQL access, done after the mesh database exists and belongs to its
/// owner (<see cref="OwnedDatabase"/>): postgres_fdw in the mesh database, its USAGE for the owner (who creates the foreign
/// servers), the consumers' group role with CONNECT on the mesh database, and the provisioning role with the functions
/// that are all it may do (<see cref="DataMesh.DataProducts.SqlPorts.ConsumerLoginFunctions"/>). Idempotent like
/// <see cref="OwnedDatabase"/>: every run sets this run's password and takes away any power a role should not have.
/// The provisioner's password comes last, so that it signing in (its health check) means all of it is done.
/// </summary>
public static class MeshSqlAccess
{
    public static async Task EnsureAsync(string administrativeConnectionString, MeshSqlAccessAnnotation access, string provisionerPassword, CancellationToken cancellationToken)
    {
        var administrative = new NpgsqlConnectionStringBuilder(administrativeConnectionString) { Pooling = false };
        await using (var mesh = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(administrative.ConnectionString) { Database = access.Database }.ConnectionString))
        {
            await mesh.OpenAsync(cancellationToken).ConfigureAwait(false);
            // postgres_fdw is no trusted extension: only a superuser creates it. The owner may then create foreign servers.
            await ExecuteAsync(mesh, $"CREATE EXTENSION IF NOT EXISTS {MeshSqlAccessAnnotation.ForeignDataWrapper}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(mesh, $"GRANT USAGE ON FOREIGN DATA WRAPPER {MeshSqlAccessAnnotation.ForeignDataWrapper} TO {SqlIdentifier.Quote(access.Owner)}", cancellationToken).ConfigureAwait(false);
            foreach (var statement in access.ConsumerLoginStatements())
            {
                await ExecuteAsync(mesh, statement, cancellationToken).ConfigureAwait(false);
            }
        }

        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(administrative.ConnectionString) { Database = "postgres" }.ConnectionString);
        await server.OpenAsync(cancellationToken).ConfigureAwait(false);
        var database = SqlIdentifier.Quote(access.Database);
        var group = SqlIdentifier.Quote(access.ConsumersGroup);
        // Consumers reach the mesh database through the group; the domains' own databases they reach only by the domains' grants.
        await ExecuteAsync(server, $"GRANT CONNECT ON DATABASE {database} TO {group}", cancellationToken).ConfigureAwait(false);

        var provisioner = SqlIdentifier.Quote(access.Provisioner);
        // An earlier mesh gave the provisioner CREATEROLE and, from PostgreSQL 16, ADMIN OPTION on the group; the functions
        // are all it keeps now (REVOKE only warns where it held nothing).
        await ExecuteAsync(server, $"REVOKE {group} FROM {provisioner}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(server, $"GRANT CONNECT ON DATABASE {database} TO {provisioner}", cancellationToken).ConfigureAwait(false);
        // Last, so that the provisioner signing in with this run's password (its health check) means all of it is done.
        await EnsureRoleAsync(server, access.Provisioner,
            $"LOGIN NOCREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD {SqlIdentifier.Literal(provisionerPassword)}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection server, string role, string attributes, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", server);
        exists.Parameters.AddWithValue(role);
        var found = await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        await ExecuteAsync(server, found
            ? $"ALTER ROLE {SqlIdentifier.Quote(role)} WITH {attributes}"
            : $"CREATE ROLE {SqlIdentifier.Quote(role)} {attributes}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
