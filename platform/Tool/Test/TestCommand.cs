using System.CommandLine;
using DataMesh.Contracts;

namespace DataMesh.Tool.Test;

/// <summary><c>datamesh test</c>: a contract's checks against the live data behind one of its servers, one result a line.</summary>
public static class TestCommand
{
    /// <summary>The environment variable the database's connection string is read from when <c>--connection</c> is not given (keeps the password off the command line).</summary>
    public const string ConnectionVariable = "DATAMESH_CONNECTION";

    public static Command Create(TextWriter output, TextWriter error, Styles styles, IContractTestRunner runner)
    {
        var contract = new Argument<string>("contract") { Description = "The contract (*.odcs.yaml) whose checks to run." };
        var server = new Option<string>("--server")
        {
            Description = "The contract's server (its `server` name) whose data to check.",
            Required = true,
        };
        var connection = new Option<string?>("--connection")
        {
            Description = $"The Npgsql connection string of the database behind the server, with its password; default: the {ConnectionVariable} environment variable.",
        };
        var baseAddress = new Option<string?>("--base-url")
        {
            Description = $"The gateway's address (http://localhost:8080) an api server's location is a path under; default: the {QueryAnswersRunner.BaseAddressVariable} environment variable.",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"The consumer's API key the query endpoint is called with; default: the {QueryAnswersRunner.ApiKeyVariable} environment variable.",
        };
        var command = new Command("test", "Run a contract's checks against the live data behind one of its servers: the JSON Schema of an api server's answers (of the object the contract says it serves) and the ODCS quality rules (library metrics and sql rules on its table and view objects) in its database. Exit 0: every check passed; 1: a check failed or could not be measured; 2: unusable input or nothing checked.")
        {
            contract,
            server,
            connection,
            baseAddress,
            apiKey,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(contract)!,
            parse.GetValue(server)!,
            parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable),
            parse.GetValue(baseAddress) ?? Environment.GetEnvironmentVariable(QueryAnswersRunner.BaseAddressVariable),
            parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(QueryAnswersRunner.ApiKeyVariable),
            runner, output, error, styles, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(
        string contractPath, string serverName, string? connectionString, string? baseAddress, string? apiKey,
        IContractTestRunner runner, TextWriter output, TextWriter error, Styles styles, CancellationToken cancellation)
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

        Uri? gateway = null;
        if (!string.IsNullOrEmpty(baseAddress) && (!Uri.TryCreate(baseAddress, UriKind.Absolute, out gateway) || gateway.Scheme is not ("http" or "https")))
        {
            error.WriteLine($"--base-url: '{baseAddress}' is not an http or https address");
            return ExitCodes.Unusable;
        }

        var (passed, failed, skipped) = (0, 0, new List<string>());
        try
        {
            output.WriteLine(styles.Bold($"Contract {contract.Id} {contract.Version}, server {server.Server}"));
            await foreach (var result in runner.RunAsync(contract, server, new ContractTestTarget(connectionString, gateway, apiKey), cancellation))
            {
                if (result.Skipped)
                {
                    skipped.Add($"{result.Check}: {result.Detail}");
                    output.WriteLine($"  {styles.Yellow("skip")} {result.Check}: {result.Detail}");
                    continue;
                }

                _ = result.Passed ? passed++ : failed++;
                output.WriteLine($"  {(result.Passed ? styles.Green("pass") : styles.Red("FAIL"))} {result.Check}: {result.Detail}");
            }
        }
        catch (UnusableInputException e)
        {
            error.WriteLine($"{contractPath}: {e.Message}");
            return ExitCodes.Unusable;
        }
        catch (Exception e) when (e is ArgumentException or Npgsql.NpgsqlException)
        {
            error.WriteLine($"{contractPath}: the database behind server '{serverName}' could not be used: {e.Message}");
            return ExitCodes.Unusable;
        }

        if (passed + failed == 0)
        {
            error.WriteLine($"{contractPath}: nothing was checked against server '{serverName}'.");
            foreach (var reason in skipped)
            {
                error.WriteLine($"  {reason}");
            }

            return ExitCodes.Unusable;
        }

        var summary = failed == 0 ? styles.Green($"{passed} check(s) passed") : styles.Red($"{failed} of {passed + failed} check(s) failed");
        output.WriteLine($"{summary}{(skipped.Count > 0 ? $", {skipped.Count} skipped" : "")}.");
        return failed == 0 ? ExitCodes.Clean : ExitCodes.Findings;
    }
}
