using Npgsql;
using Xunit;

namespace DataMesh.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server for a test class or collection: a container where a Docker
/// engine answers, otherwise a server from the machine's own binaries (temporary data folder, free port),
/// torn down afterwards. Each test takes a fresh database from it.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private IThrowawayPostgres? _server;
    private int _databases;

    /// <summary>Connection string to the <c>postgres</c> maintenance database, as the superuser.</summary>
    public string ConnectionString => (_server ?? throw new InvalidOperationException("The server is not started.")).ConnectionString;

    public string Kind => _server?.Kind ?? "not started";

    public async Task InitializeAsync()
    {
        _server = await DockerEngine.IsAvailableAsync()
            ? await ContainerPostgres.StartAsync()
            : await LocalPostgres.StartAsync();
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
