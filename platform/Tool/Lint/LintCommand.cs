using System.CommandLine;
using DataMesh.Contracts;

namespace DataMesh.Tool.Lint;

/// <summary><c>datamesh lint</c>: every finding in descriptors and contracts, step by step, as an editor or CI reads it.</summary>
public static class LintCommand
{
    private const string TextFormat = "text";
    private const string GitHubFormat = "github";

    public static Command Create(TextWriter output, TextWriter error, Styles styles)
    {
        var paths = new Argument<string[]>("file-or-folder")
        {
            Description = "Descriptors (*.odps.yaml), contracts (*.odcs.yaml), or folders of them (a domain's DataProducts folder, upstream copies below).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text: one finding a line, file:line:column: field: reason. github: GitHub Actions annotations (::error file=…,line=…,col=…::…).",
            DefaultValueFactory = _ => TextFormat,
        };
        format.AcceptOnlyFromAmong(TextFormat, GitHubFormat);
        var command = new Command("lint", "Check descriptors and contracts: first their validity against the standards, then the mesh's governance. Exit 0: clean; 1: findings; 2: unusable input.")
        {
            paths,
            format,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(format) == GitHubFormat, output, error, styles));
        return command;
    }

    private static int Run(IReadOnlyList<string> arguments, bool github, TextWriter output, TextWriter error, Styles styles)
    {
        List<DefinitionInput> inputs;
        try
        {
            inputs = arguments.Select(DefinitionInput.Open).ToList();
        }
        catch (UnusableInputException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Unusable;
        }

        var files = inputs.Sum(i => i.Files.Count);
        var total = 0;
        foreach (var step in LintSteps.All)
        {
            var results = inputs.Select(step.Check).ToList();
            var findings = results.SelectMany(r => r.Findings).ToList();
            total += findings.Count;
            var note = results.Select(r => r.Note).FirstOrDefault(n => n is not null);
            if (github)
            {
                foreach (var finding in findings)
                {
                    output.WriteLine(Annotation(step, finding));
                }

                continue;
            }

            var verdict = findings.Count == 0 ? styles.Green("no findings") : styles.Red($"{findings.Count} finding(s)");
            output.WriteLine($"{styles.Bold(step.Title)}: {verdict}{(note is null ? "" : styles.Dim($" ({note})"))}");
            foreach (var finding in findings)
            {
                output.WriteLine(finding.ToString());
            }
        }

        if (!github)
        {
            output.WriteLine(total == 0
                ? styles.Green($"{files} file(s) checked: clean.")
                : styles.Red($"{files} file(s) checked: {total} finding(s)."));
        }

        return total == 0 ? ExitCodes.Clean : ExitCodes.Findings;
    }

    /// <summary>A GitHub Actions workflow command that marks the line in the pull request's files.</summary>
    private static string Annotation(ILintStep step, ContractValidationError finding)
    {
        var message = finding.Field.Length == 0 ? finding.Reason : $"{finding.Field}: {finding.Reason}";
        var location = finding.Location;
        return $"::error file={Property(location.File)},line={location.Line},col={location.Column},title={Property($"datamesh lint ({step.Name})")}::{Data(message)}";
    }

    // GitHub's escaping of workflow commands: '%', CR and LF everywhere; ':' and ',' in properties too.
    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
