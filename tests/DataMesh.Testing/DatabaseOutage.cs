using Npgsql;

namespace DataMesh.Testing;

/// <summary>
/// One database of the mesh's PostgreSQL server made unreachable, as its server stopped would be for the service that
/// owns it, while the server keeps serving the other services' databases: no new connection is let in
/// (<c>ALLOW_CONNECTIONS false</c>) and the open ones are cut (<c>pg_terminate_backend</c>). Disposing lets connections
/// in again.
/// </summary>
public sealed class DatabaseOutage : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _database;

    private DatabaseOutage(string serverConnectionString, string database)
    {
        _serverConnectionString = serverConnectionString;
        _database = database;
    }

    /// <param name="serverConnectionString">The server's superuser, connected to its own maintenance database.</param>
    public static async Task<DatabaseOutage> BeginAsync(string serverConnectionString, string database)
    {
        var outage = new DatabaseOutage(serverConnectionString, database);
        await outage.ExecuteAsync($"ALTER DATABASE {outage.Quoted} ALLOW_CONNECTIONS false");
        await outage.ExecuteAsync("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()");
        return outage;
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"ALTER DATABASE {Quoted} ALLOW_CONNECTIONS true");
        // The test process's own pooled connections to the database were cut too: later tests get new ones.
        NpgsqlConnection.ClearAllPools();
    }

    private string Quoted => $"\"{_database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_serverConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@database", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("database", _database);
        }

        await command.ExecuteNonQueryAsync();
    }
}
