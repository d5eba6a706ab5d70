using System.CommandLine;
using DataMesh.Tool.Compare;
using DataMesh.Tool.Export;
using DataMesh.Tool.Lint;

namespace DataMesh.Tool;

/// <summary>The <c>datamesh</c> command and its subcommands, run with the given writers so that tests run it in-process.</summary>
public static class DataMeshCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Styles styles)
    {
        var root = new RootCommand("The data mesh's tool for ODCS data contracts and ODPS data product descriptors: lint them, compare versions, export them.")
        {
            LintCommand.Create(output, error, styles),
            BreakingCommand.Create(output, error, styles),
            ChangelogCommand.Create(output, error, styles),
            ExportCommand.Create(output, error),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine($"See '{string.Join(' ', parse.CommandResult.Command.Name == root.Name ? ["datamesh"] : ["datamesh", parse.CommandResult.Command.Name])} --help'.");
            return ExitCodes.Unusable;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
