namespace DataMesh.Testing;

/// <summary>Where things are in this repository, found from the running test's own folder.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run under (Debug or Release), read from their output path.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";

    /// <summary>The built daprd stand-in, which the AppHost runs in place of daprd through Dapr:DaprdPath.</summary>
    public static string DaprdStandIn { get; } =
        Path.Combine(Root, "tests", "DaprSidecarStandIn", "bin", Configuration, "net10.0", "DaprSidecarStandIn");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DataMesh.Aspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DataMesh.Aspire.sln above {AppContext.BaseDirectory}.");
    }
}
