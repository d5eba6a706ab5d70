using DataMesh.Testing;

namespace DataMesh.Tool.Tests;

/// <summary>Runs <c>datamesh</c> in-process, as its entry point does, with plain output captured.</summary>
internal static class Tool
{
    public static ToolRun Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = DataMeshCommand.Run(args, output, error, Styles.Plain);
        return new ToolRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Each domain's own DataProducts folder in the repository.</summary>
    public static IReadOnlyList<string> DomainFolders { get; } =
        Directory.GetDirectories(Path.Combine(RepositoryLayout.Root, "domains"))
            .Select(d => Path.Combine(d, char.ToUpperInvariant(Path.GetFileName(d)[0]) + Path.GetFileName(d)[1..], "DataProducts"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The contracts the sample domains offer (not their upstream copies).</summary>
    public static IReadOnlyList<string> SampleContracts { get; } =
        DomainFolders.SelectMany(f => Directory.GetFiles(f, "*.odcs.yaml")).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> SampleContractNames()
    {
        var data = new TheoryData<string>();
        foreach (var contract in SampleContracts)
        {
            data.Add(Path.GetRelativePath(RepositoryLayout.Root, contract));
        }

        return data;
    }

    /// <summary>The sample contracts with event types (a SQL port's contract has tables and views only, no topic).</summary>
    public static IReadOnlyList<string> SampleEventContracts { get; } =
        SampleContracts.Where(c => SampleContract.Read(Path.GetRelativePath(RepositoryLayout.Root, c)).EventTypes.Count > 0).ToList();

    public static TheoryData<string> SampleEventContractNames() => new(SampleEventContracts.Select(c => Path.GetRelativePath(RepositoryLayout.Root, c)));

    public static string InRepository(string relativePath) => Path.Combine(RepositoryLayout.Root, relativePath);
}

internal sealed record ToolRun(int Exit, string Output, string Error);
