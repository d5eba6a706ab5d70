using System.Runtime.CompilerServices;
using DataMesh.Contracts;
using DataMesh.Testing;
using DataMesh.Tool.Test;
using Npgsql;

namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh test</c>: which server, what it prints per check and its exit codes (with <see cref="TwoChecks"/> driving
/// the shell), and HR's real contract measured on a real PostgreSQL where one of its rules holds and another does not.
/// </summary>
public sealed class TestCommandTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly string Employees = Tool.InRepository("domains/hr/Hr/DataProducts/employees.odcs.yaml");

    [Fact]
    public void A_server_the_contract_does_not_have_is_unusable_input_naming_those_it_has()
    {
        var run = Tool.Run("test", Employees, "--server", "nowhere");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains("no server 'nowhere' (the contract has employee-events, employee-api)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_database_nothing_is_checked_and_the_command_says_how_to_name_one()
    {
        var run = Tool.Run("test", Employees, "--server", "employee-api");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains($"give its connection string with --connection or {TestCommand.ConnectionVariable}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hrs_rules_on_a_real_database_pass_where_kept_and_fail_where_broken()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quality");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // The employees table as HR's contract describes it: unique e-mails (kept), one status outside Active/Terminated (broken).
            await using var setup = new NpgsqlCommand("""
                CREATE TABLE employees ("Id" text PRIMARY KEY, "Email" text NOT NULL, "Status" text NOT NULL, "HiredOn" date NOT NULL, "LastDay" date);
                INSERT INTO employees VALUES ('e1', 'ada@example.com', 'Active', '2024-01-01', NULL),
                                             ('e2', 'alan@example.com', 'On leave', '2024-02-01', NULL);
                """, connection);
            await setup.ExecuteNonQueryAsync();
        }

        var run = Tool.Run("test", Employees, "--server", "employee-api", "--connection", connectionString);

        Assert.True(run.Exit == ExitCodes.Findings, run.Output + run.Error);
        Assert.Contains("  pass employees.email duplicateValues (email-unique): measured 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("  FAIL employees.status invalidValues (status-known): measured 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("  pass employees sql (leavers-left-after-hire)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 3 check(s) failed.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_check_is_a_line_and_a_failed_check_exits_one()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = DataMeshCommand.Run(["test", Employees, "--server", "employee-api"], output, error, Styles.Plain, new TwoChecks());

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("Contract hr.employees.events 1.0.0, server employee-api", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  pass rowCount: 3 rows, at least 1", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  FAIL nullValues: 2 nulls in email, at most 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 of 2 check(s) failed.", output.ToString(), StringComparison.Ordinal);
    }

    private sealed class TwoChecks : IContractTestRunner
    {
        public async IAsyncEnumerable<ContractCheckResult> RunAsync(DataContract contract, ContractServer server, string? connectionString, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new("rowCount", true, "3 rows, at least 1");
            yield return new("nullValues", false, "2 nulls in email, at most 0");
        }
    }
}
