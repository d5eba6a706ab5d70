using DataMesh.Testing;
using Npgsql;

namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh test</c> on a SQL output port's postgres server: the live schema compared with the contract is one
/// result beside the quality rules, passing on the schema the contract describes and failing, naming the object and
/// column, on one that drifted.
/// </summary>
public sealed class SqlPortTestCommandTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly string Headcount = Tool.InRepository("domains/hr/Hr/DataProducts/headcount-tables.odcs.yaml");

    private const string HeadcountPort = """
        CREATE SCHEMA headcount_v1;
        CREATE TABLE headcount_v1.headcount (
            department varchar(100) NOT NULL, month varchar(7) NOT NULL, headcount int NOT NULL, hires int NOT NULL, leavers int NOT NULL,
            PRIMARY KEY (department, month));
        INSERT INTO headcount_v1.headcount VALUES ('Engineering', '2026-03', 4, 1, 0);
        """;

    [Fact]
    public async Task The_schema_the_contract_describes_passes_beside_the_quality_rules()
    {
        var connectionString = await DatabaseAsync(HeadcountPort);

        var run = Tool.Run("test", Headcount, "--server", "headcount-tables", "--connection", connectionString);

        Assert.True(run.Exit == ExitCodes.Clean, run.Output + run.Error);
        Assert.Contains("Contract hr.headcount.tables 1.0.0, server headcount-tables", run.Output, StringComparison.Ordinal);
        Assert.Contains("  pass schema headcount_v1: 1 table(s) and view(s) as the contract describes them, nothing else", run.Output, StringComparison.Ordinal);
        Assert.Contains("  pass headcount sql (hires-stayed-or-left): measured 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("  pass headcount.month invalidValues (month-well-formed): measured 0 rows", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 check(s) passed.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_that_drifted_fails_naming_the_object_and_the_column()
    {
        var connectionString = await DatabaseAsync(HeadcountPort + "ALTER TABLE headcount_v1.headcount RENAME COLUMN leavers TO exits;");

        var run = Tool.Run("test", Headcount, "--server", "headcount-tables", "--connection", connectionString);

        Assert.True(run.Exit == ExitCodes.Findings, run.Output + run.Error);
        Assert.Contains("  FAIL schema headcount_v1: headcount.leavers: the contract's column is missing", run.Output, StringComparison.Ordinal);
        Assert.Contains("headcount.exits: a column (integer) that the contract does not name", run.Output, StringComparison.Ordinal);
        Assert.Contains("  FAIL headcount sql (hires-stayed-or-left)", run.Output, StringComparison.Ordinal);
    }

    private async Task<string> DatabaseAsync(string sql)
    {
        var connectionString = await postgres.CreateDatabaseAsync("port");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var setup = new NpgsqlCommand(sql, connection);
        await setup.ExecuteNonQueryAsync();
        return connectionString;
    }
}
