using DataMesh.Contracts;
using DataMesh.Contracts.Compatibility;

namespace DataMesh.ContractCheck;

/// <summary>
/// The catalog's compatibility gate for a domain's CI: compares the previous and the next version of a
/// contract file and answers as the catalog would answer the registration.
/// </summary>
public static class ContractCheckCommand
{
    /// <summary>The next version may follow the previous one.</summary>
    public const int Accepted = 0;

    /// <summary>The catalog would refuse the next version (409): a breaking change without a new major version, or a missing version bump.</summary>
    public const int Refused = 1;

    /// <summary>Wrong arguments, or a file that is missing or not a valid contract.</summary>
    public const int Unusable = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 2)
        {
            error.WriteLine("usage: datamesh-contract-check <previous.odcs.yaml> <next.odcs.yaml>");
            error.WriteLine("Exit code 0: the next version may follow; 1: the catalog would refuse it; 2: unusable input.");
            return Unusable;
        }

        DataContract previous, next;
        try
        {
            previous = Read(args[0]);
            next = Read(args[1]);
        }
        catch (Exception e) when (e is DataProductDefinitionException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return Unusable;
        }

        if (previous.Id != next.Id)
        {
            error.WriteLine($"{args[1]}: id: '{next.Id}' is not a version of contract '{previous.Id}' ({args[0]})");
            return Unusable;
        }

        var verdict = ContractVersionGate.Check(previous, next);
        output.WriteLine($"Contract {verdict.ContractId}: {verdict.PreviousVersion} -> {verdict.NextVersion}");
        if (verdict.Changes.Count == 0)
        {
            output.WriteLine("No changes.");
        }

        foreach (var change in verdict.Changes.OrderByDescending(c => c.Kind).ThenBy(c => c.Path, StringComparer.Ordinal))
        {
            output.WriteLine($"  {change.Kind.ToString().ToLowerInvariant(),-10} {change}");
        }

        if (verdict.IsAccepted)
        {
            output.WriteLine($"Accepted: {verdict.NextVersion} may follow {verdict.PreviousVersion}.");
            return Accepted;
        }

        output.WriteLine($"Refused: {verdict.Refusals.Count} problem(s); the catalog would answer 409.");
        foreach (var refusal in verdict.Refusals)
        {
            output.WriteLine($"  {refusal}");
        }

        return Refused;
    }

    private static DataContract Read(string path) => DataProductCatalogueLoader.LoadContract(path, File.ReadAllText(path));
}
