using System.CommandLine;
using DataMesh.Contracts;

namespace DataMesh.Tool.Test;

/// <summary><c>datamesh test</c>: a contract's checks against the live data behind one of its servers, one result a line.</summary>
public static class TestCommand
{
    public static Command Create(TextWriter output, TextWriter error, Styles styles, IContractTestRunner? runner)
    {
        var contract = new Argument<string>("contract") { Description = "The contract (*.odcs.yaml) whose checks to run." };
        var server = new Option<string>("--server")
        {
            Description = "The contract's server (its `server` name) whose data to check.",
            Required = true,
        };
        var command = new Command("test", "Run a contract's checks (the schema of the server's answers or rows, the ODCS quality rules) against live data. Exit 0: every check passed; 1: a check failed; 2: unusable input, or no runner for checks in this build.")
        {
            contract,
            server,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(contract)!, parse.GetValue(server)!, runner, output, error, styles, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string contractPath, string serverName, IContractTestRunner? runner, TextWriter output, TextWriter error, Styles styles, CancellationToken cancellation)
    {
        DataContract contract;
        try
        {
            contract = DefinitionInput.ReadContract(contractPath);
        }
        catch (Exception e) when (e is DataProductDefinitionException or UnusableInputException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Unusable;
        }

        if (contract.Servers.FirstOrDefault(s => s.Server == serverName) is not { } server)
        {
            error.WriteLine($"{contractPath}: servers: no server '{serverName}' (the contract has {string.Join(", ", contract.Servers.Select(s => s.Server))})");
            return ExitCodes.Unusable;
        }

        if (runner is null)
        {
            error.WriteLine("This build of datamesh has no runner for a contract's checks yet (the ODCS quality rules' runner); nothing was checked.");
            return ExitCodes.Unusable;
        }

        output.WriteLine(styles.Bold($"Contract {contract.Id} {contract.Version}, server {server.Server}"));
        var (passed, failed) = (0, 0);
        await foreach (var result in runner.RunAsync(contract, server, cancellation))
        {
            _ = result.Passed ? passed++ : failed++;
            output.WriteLine($"  {(result.Passed ? styles.Green("pass") : styles.Red("FAIL"))} {result.Check}: {result.Detail}");
        }

        output.WriteLine(failed == 0 ? styles.Green($"{passed} check(s) passed.") : styles.Red($"{failed} of {passed + failed} check(s) failed."));
        return failed == 0 ? ExitCodes.Clean : ExitCodes.Findings;
    }
}
