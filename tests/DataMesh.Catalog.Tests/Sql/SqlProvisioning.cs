using System.Security.Cryptography;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// What the AppHost does for the catalog's SQL logins, done by the test's superuser: the consumers' group role, the login
/// creator and the provisioning role that may only call its functions; and the superuser's own look at the server.
/// </summary>
internal static class SqlProvisioning
{
    public const string ProvisionerRole = "mesh_provisioner";

    public const string LoginCreatorRole = "mesh_login_creator";

    /// <summary>Concurrent CREATE OR REPLACE FUNCTION on the same functions would collide: one class at a time makes them.</summary>
    private static readonly SemaphoreSlim Making = new(1, 1);

    /// <summary>
    /// Makes (or gives a new password to) the provisioning role, with the functions that are all it may do, as the AppHost's
    /// superuser step does (<see cref="ConsumerLoginFunctions"/>); answers the catalog's settings.
    /// </summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(PostgresServerFixture postgres)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await Making.WaitAsync();
        try
        {
            foreach (var statement in ConsumerLoginFunctions.Statements(LoginCreatorRole, ProvisionerRole, SqlPortConnections.ConsumersGroupRole))
            {
                await ExecuteAsync(postgres, statement);
            }

            await ExecuteAsync(postgres, $"ALTER ROLE {ProvisionerRole} LOGIN PASSWORD '{password}'");
        }
        finally
        {
            Making.Release();
        }

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
