using System.Runtime.CompilerServices;
using DataMesh.Contracts;
using DataMesh.Tool.Test;

namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh test</c>'s shell: which server, what it prints per check and its exit codes. The runner of the checks
/// (the ODCS quality rules') is not in this build; <see cref="TwoChecks"/> stands in for it to drive the shell.
/// </summary>
public sealed class TestCommandTests
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
    public void Without_a_runner_nothing_is_checked_and_the_command_says_so()
    {
        var run = Tool.Run("test", Employees, "--server", "employee-api");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains("nothing was checked", run.Error, StringComparison.Ordinal);
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
        public async IAsyncEnumerable<ContractCheckResult> RunAsync(DataContract contract, ContractServer server, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new("rowCount", true, "3 rows, at least 1");
            yield return new("nullValues", false, "2 nulls in email, at most 0");
        }
    }
}
