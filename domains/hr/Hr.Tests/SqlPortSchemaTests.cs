using System.Net.Http.Json;
using DataMesh.Testing;
using Npgsql;
using Xunit.Sdk;

namespace Hr.Tests;

/// <summary>
/// The migrations make each SQL output port's schema exactly as its contract describes it, a schema that drifts from its
/// contract is caught naming the object and column, and a consumer's role reaches the ports only: never the
/// operational tables, the outbox or the inbox in schema public.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SqlPortSchemaTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_live_schema_of_every_sql_port_equals_its_contract()
    {
        await using var hr = await HrService.StartAsync(postgres);

        SqlPortAssert.SchemasEqualContracts(await hr.SqlPortSchemasAsync(), "hr.employees.tables", "hr.headcount.tables");
    }

    [Fact]
    public async Task A_migration_that_drifts_from_the_contract_fails_naming_the_object_and_the_column()
    {
        await using var hr = await HrService.StartAsync(postgres);
        await ExecuteAsync(hr.ConnectionString, """
            ALTER TABLE headcount_v1.headcount ADD COLUMN overtime integer;
            ALTER TABLE headcount_v1.headcount ALTER COLUMN hires DROP NOT NULL;
            ALTER VIEW employees_v1.employees RENAME COLUMN title TO job_title;
            CREATE VIEW headcount_v1.departments AS SELECT DISTINCT department FROM headcount_v1.headcount;
            """);

        var ports = await hr.SqlPortSchemasAsync();
        var failure = Assert.ThrowsAny<XunitException>(() => SqlPortAssert.SchemasEqualContracts(ports, "hr.employees.tables", "hr.headcount.tables"));

        Assert.Contains("headcount.overtime: a column (integer) that the contract does not name", failure.Message);
        Assert.Contains("headcount.hires: is nullable in the database; the contract says required", failure.Message);
        Assert.Contains("employees.title: the contract's column is missing", failure.Message);
        Assert.Contains("employees.job_title: a column (character varying(100)) that the contract does not name", failure.Message);
        Assert.Contains("departments: a view in schema headcount_v1 that the contract does not name", failure.Message);
    }

    [Fact]
    public async Task A_consumers_role_reaches_the_port_it_was_granted_and_nothing_in_public()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        (await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering))).EnsureSuccessStatusCode();
        var role = $"consumer_{Guid.NewGuid():N}";
        await ExecuteAsync(hr.ConnectionString, $"""
            CREATE ROLE "{role}" LOGIN PASSWORD 'consumer';
            GRANT USAGE ON SCHEMA employees_v1 TO "{role}";
            GRANT SELECT ON employees_v1.employees TO "{role}";
            """);
        var asConsumer = new NpgsqlConnectionStringBuilder(hr.ConnectionString) { Username = role, Password = "consumer", Pooling = false }.ConnectionString;

        await using var connection = new NpgsqlConnection(asConsumer);
        await connection.OpenAsync();
        Assert.Equal("Engineering", await ScalarAsync(connection, "SELECT department FROM employees_v1.employees"));
        Assert.False((bool)(await ScalarAsync(connection, "SELECT has_schema_privilege('public', 'USAGE')"))!);
        foreach (var table in new[] { "employees", "departments", "data_product_outbox", "data_product_inbox" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, $"SELECT count(*) FROM public.{table}"));
            Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, "permission denied for schema public"), (refused.SqlState, refused.MessageText));
        }

        var notGranted = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "SELECT count(*) FROM headcount_v1.headcount"));
        Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, "permission denied for schema headcount_v1"), (notGranted.SqlState, notGranted.MessageText));
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
