using DataMesh.Testing;
using Npgsql;

namespace DataMesh.AppHost.Tests;

/// <summary>The fixture every database test stands on: a real server, a fresh database per test.</summary>
public sealed class PostgresServerFixtureTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Each_database_is_new_empty_and_writable()
    {
        var first = await postgres.CreateDatabaseAsync("fixture");
        var second = await postgres.CreateDatabaseAsync("fixture");
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);

        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE TABLE probe (id int primary key); INSERT INTO probe VALUES (42);", connection);
        await create.ExecuteNonQueryAsync();

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", other);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }
}
