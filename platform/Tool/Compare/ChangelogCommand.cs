using System.CommandLine;
using DataMesh.Contracts.Compatibility;

namespace DataMesh.Tool.Compare;

/// <summary>
/// <c>datamesh changelog</c>: what changed between two versions of a contract, for a person (release notes, a pull
/// request): added, removed and changed elements, each with its path, what it means and how much it matters.
/// The walk is the compatibility gate's (<see cref="ContractComparison"/>), so the changelog and the verdict agree.
/// </summary>
public static class ChangelogCommand
{
    public static Command Create(TextWriter output, TextWriter error, Styles styles)
    {
        var (previous, next) = (ContractPair.Old(), ContractPair.New());
        var command = new Command("changelog", "What changed between two versions of a contract: added, removed and changed elements (objects, properties, types, requiredness, classification, allowed values, SLA promises, servers). Exit 0: written; 2: unusable input.")
        {
            previous,
            next,
        };
        command.SetAction(parse => Run(parse.GetValue(previous)!, parse.GetValue(next)!, output, error, styles));
        return command;
    }

    private static int Run(string oldPath, string newPath, TextWriter output, TextWriter error, Styles styles)
    {
        if (ContractPair.Read(oldPath, newPath, error) is not var (previous, next))
        {
            return ExitCodes.Unusable;
        }

        var changes = ContractComparison.Compare(previous, next);
        output.WriteLine(styles.Bold($"{previous.Name ?? previous.Id} ({previous.Id}): {previous.Version} -> {next.Version}"));
        if (changes.Count == 0)
        {
            output.WriteLine("No changes.");
            return ExitCodes.Clean;
        }

        var strongest = changes.Max(c => c.Kind);
        output.WriteLine($"{changes.Count} change(s); the strongest is {Kind(strongest, styles)}.");
        foreach (var (action, heading) in new[] { (ChangeAction.Added, "Added"), (ChangeAction.Removed, "Removed"), (ChangeAction.Changed, "Changed") })
        {
            var group = changes.Where(c => c.Action == action).OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine(styles.Bold(heading));
            foreach (var change in group)
            {
                output.WriteLine($"  - {change.Path}: {change.Reason} [{Kind(change.Kind, styles)}]");
            }
        }

        return ExitCodes.Clean;
    }

    private static string Kind(ChangeKind kind, Styles styles)
    {
        var name = kind.ToString().ToLowerInvariant();
        return kind == ChangeKind.Breaking ? styles.Red(name) : kind == ChangeKind.Compatible ? styles.Green(name) : name;
    }
}
