using DataMesh.Testing;
using Npgsql;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// Sessions on a test's own PostgreSQL server as the roles the AppHost makes, for the tests that check what each role may
/// do there (<see cref="OwnedDatabaseTests"/>, <see cref="MeshSqlAccessTests"/>).
/// </summary>
internal static class ServerSessions
{
    /// <summary>A role and database name of the test's own (roles are the server's), and a password for it.</summary>
    public static (string Name, string Password) Names(string prefix) =>
        ($"{prefix}_{Guid.NewGuid():N}", Convert.ToHexString(Guid.NewGuid().ToByteArray()));

    /// <summary>A session as <paramref name="role"/> in <paramref name="database"/> on <paramref name="postgres"/>.</summary>
    public static Task<NpgsqlConnection> SignInAsync(PostgresServerFixture postgres, string role, string password, string database) =>
        OpenAsync(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Username = role, Password = password, Database = database }.ConnectionString);

    /// <summary>An open, unpooled session, so that what PostgreSQL decides at sign-in is decided again each time.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Asserts that PostgreSQL refuses <paramref name="sql"/> for want of privilege (42501).</summary>
    public static async Task AssertRefusedAsync(NpgsqlConnection connection, string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
