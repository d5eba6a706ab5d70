using System.Security.Cryptography;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// What the AppHost does for the catalog's SQL logins, done by the test's superuser: the provisioning role (<c>CREATEROLE
/// LOGIN</c>, no superuser, no database) and the consumers' group role; and the superuser's own look at the server.
/// </summary>
internal static class SqlProvisioning
{
    public const string ProvisionerRole = "mesh_provisioner";

    /// <summary>Creates (or gives a new password to) the provisioning role and creates the group role; answers the catalog's settings.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(PostgresServerFixture postgres)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await ExecuteAsync(postgres, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ProvisionerRole}') THEN
                CREATE ROLE {ProvisionerRole} LOGIN CREATEROLE NOSUPERUSER NOCREATEDB;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SqlPortConnections.ConsumersGroupRole}') THEN
                CREATE ROLE {SqlPortConnections.ConsumersGroupRole} NOLOGIN;
              END IF;
            END $$;
            ALTER ROLE {ProvisionerRole} PASSWORD '{password}';
            """);
        return new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{SqlPortConnections.Provisioner}"] =
                new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Username = ProvisionerRole, Password = password }.ConnectionString,
            // The tests wait for a drop: a round every 200 ms rather than the default 10 s.
            [Catalog.Sql.SqlLoginSettings.DropRetryIntervalKey] = "00:00:00.200",
        };
    }

    public static async Task ExecuteAsync(PostgresServerFixture postgres, string sql, string? database = null)
    {
        await using var connection = new NpgsqlConnection(database ?? postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<bool> RoleExistsAsync(PostgresServerFixture postgres, string role)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)", connection) { Parameters = { new() { Value = role } } };
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Opens a session as <paramref name="role"/> with <paramref name="password"/> and answers <c>current_user</c>; throws what PostgreSQL answers otherwise.</summary>
    public static async Task<string> SignInAsync(PostgresServerFixture postgres, string role, string password, string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(database ?? postgres.ConnectionString) { Username = role, Password = password, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
