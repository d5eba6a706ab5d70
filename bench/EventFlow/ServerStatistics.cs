using Npgsql;

namespace DataMesh.Bench.EventFlow;

/// <summary>Server-wide counters read before and after a phase: commits, and WAL flushes (each an fdatasync).</summary>
internal readonly record struct ServerCounters(long Commits, long WalSyncs);

/// <summary>
/// Reads the server's cumulative statistics. PostgreSQL 15 publishes a session's counts when its transaction
/// ends and at most once a second otherwise, so the figures are close over a phase of several seconds, not exact.
/// </summary>
internal sealed class ServerStatistics(string serverConnectionString)
{
    private const string Query =
        "SELECT (SELECT sum(xact_commit) FROM pg_stat_database)::bigint, (SELECT wal_sync FROM pg_stat_wal)::bigint";

    public async Task<ServerCounters> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ServerCounters(reader.GetInt64(0), reader.GetInt64(1));
    }
}
