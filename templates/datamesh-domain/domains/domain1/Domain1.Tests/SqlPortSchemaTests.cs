using DataMesh.Testing;
using Npgsql;

namespace Domain1.Tests;

/// <summary>
/// The migrations make the SQL output port's schema exactly as its contract describes it, and a consumer's role reaches
/// the port only: never the operational tables, the outbox or the inbox in schema public.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SqlPortSchemaTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_live_schema_of_the_sql_port_equals_its_contract()
    {
        await using var service = await Domain1Service.StartAsync(postgres);

        SqlPortAssert.SchemasEqualContracts(await service.SqlPortSchemasAsync(), "domain1.product1.tables");
    }

    [Fact]
    public async Task A_consumers_role_reaches_the_port_it_was_granted_and_nothing_in_public()
    {
        await using var service = await Domain1Service.StartAsync(postgres);
        await service.RecordAsync(Domain1Service.Record(name: "Granted"));
        var role = $"consumer_{Guid.NewGuid():N}";
        await ExecuteAsync(service.ConnectionString, $"""
            CREATE ROLE "{role}" LOGIN PASSWORD 'consumer';
            GRANT USAGE ON SCHEMA product_1_v1 TO "{role}";
            GRANT SELECT ON product_1_v1.product_1 TO "{role}";
            """);
        var asConsumer = new NpgsqlConnectionStringBuilder(service.ConnectionString) { Username = role, Password = "consumer", Pooling = false }.ConnectionString;

        await using var connection = new NpgsqlConnection(asConsumer);
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM product_1_v1.product_1 WHERE name = 'Granted'"));
        Assert.False((bool)(await ScalarAsync(connection, "SELECT has_schema_privilege('public', 'USAGE')"))!);
        foreach (var table in new[] { "product_1", "data_product_outbox", "data_product_inbox" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, $"SELECT count(*) FROM public.{table}"));
            Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, "permission denied for schema public"), (refused.SqlState, refused.MessageText));
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
