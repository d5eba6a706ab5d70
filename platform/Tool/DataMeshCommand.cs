using System.CommandLine;
using System.CommandLine.Help;
using DataMesh.Tool.Compare;
using DataMesh.Tool.Export;
using DataMesh.Tool.Lint;
using DataMesh.Tool.Test;

namespace DataMesh.Tool;

/// <summary>The <c>datamesh</c> command and its subcommands, run with the given writers so that tests run it in-process.</summary>
public static class DataMeshCommand
{
    /// <summary>The command's name, as <c>ToolCommandName</c> installs it.</summary>
    public const string Name = "datamesh";

    /// <param name="testRunner">What <c>datamesh test</c> runs the checks with; <see cref="ContractTestRunners.Default"/> when not given.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Styles styles, IContractTestRunner? testRunner = null)
    {
        // Named rather than taken from the executable, so that help says "datamesh" when run in-process too.
        var root = new Command(Name, "The data mesh's tool for ODCS data contracts and ODPS data product descriptors: lint them, compare versions, export them, test them against live data.")
        {
            new HelpOption(),
            new VersionOption(),
            LintCommand.Create(output, error, styles),
            BreakingCommand.Create(output, error, styles),
            ChangelogCommand.Create(output, error, styles),
            ExportCommand.Create(output, error),
            TestCommand.Create(output, error, styles, testRunner ?? ContractTestRunners.Default),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine($"See '{string.Join(' ', parse.CommandResult.Command == root ? [Name] : [Name, parse.CommandResult.Command.Name])} --help'.");
            return ExitCodes.Unusable;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
