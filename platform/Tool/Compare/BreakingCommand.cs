using System.CommandLine;
using DataMesh.Contracts.Compatibility;

namespace DataMesh.Tool.Compare;

/// <summary>
/// <c>datamesh breaking</c>: the catalog's compatibility gate for a domain's CI. Compares the previous and the next
/// version of a contract and answers as the catalog would answer the registration.
/// </summary>
public static class BreakingCommand
{
    public static Command Create(TextWriter output, TextWriter error, Styles styles)
    {
        var (previous, next) = (ContractPair.Old(), ContractPair.New());
        var command = new Command("breaking", "Whether the next version of a contract may follow the previous one, as the catalog's compatibility gate decides. Exit 0: accepted; 1: the catalog would refuse it (409); 2: unusable input.")
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

        var verdict = ContractVersionGate.Check(previous, next);
        output.WriteLine(styles.Bold($"Contract {verdict.ContractId}: {verdict.PreviousVersion} -> {verdict.NextVersion}"));
        if (verdict.Changes.Count == 0)
        {
            output.WriteLine("No changes.");
        }

        foreach (var change in verdict.Changes.OrderByDescending(c => c.Kind).ThenBy(c => c.Path, StringComparer.Ordinal))
        {
            var kind = $"{change.Kind.ToString().ToLowerInvariant(),-10}";
            output.WriteLine($"  {(change.Kind == ChangeKind.Breaking ? styles.Red(kind) : kind)} {change}");
        }

        if (verdict.IsAccepted)
        {
            output.WriteLine(styles.Green($"Accepted: {verdict.NextVersion} may follow {verdict.PreviousVersion}."));
            return ExitCodes.Clean;
        }

        output.WriteLine(styles.Red($"Refused: {verdict.Refusals.Count} problem(s); the catalog would answer 409."));
        foreach (var refusal in verdict.Refusals)
        {
            output.WriteLine($"  {refusal}");
        }

        return ExitCodes.Findings;
    }
}
