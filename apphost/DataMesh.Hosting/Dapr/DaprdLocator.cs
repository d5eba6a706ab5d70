using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Dapr;

/// <summary>
/// Finds the daprd executable the sidecars run: the configuration key <c>Dapr:DaprdPath</c>,
/// else <c>daprd</c> on PATH, else <c>~/.dapr/bin/daprd</c> where <c>dapr init</c> puts it.
/// </summary>
public static class DaprdLocator
{
    public const string ConfigurationKey = "Dapr:DaprdPath";

    public static DaprdLocation Locate(IConfiguration configuration)
    {
        var executable = OperatingSystem.IsWindows() ? "daprd.exe" : "daprd";

        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            var fullPath = Path.GetFullPath(configured);
            return File.Exists(fullPath)
                ? new DaprdLocation(fullPath, null)
                : new DaprdLocation(null,
                    $"{ConfigurationKey} is '{configured}', but no file is there. Point {ConfigurationKey} at a daprd executable, or remove it to use the daprd that `dapr init` installs.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return new DaprdLocation(onPath, null);
        }

        var daprInit = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dapr", "bin", executable);
        return File.Exists(daprInit)
            ? new DaprdLocation(daprInit, null)
            : new DaprdLocation(null,
                $"The Dapr sidecar (daprd) was not found: {ConfigurationKey} is not set, no daprd is on PATH and none is in {Path.GetDirectoryName(daprInit)}. " +
                "Install Dapr (the dapr CLI, then `dapr init`), or point Dapr:DaprdPath at a daprd executable, " +
                "for example `dotnet run --project apphost/DataMesh.AppHost -- --Dapr:DaprdPath=/path/to/daprd`.");
    }
}

/// <summary>Where daprd is, or why it could not be found.</summary>
public sealed record DaprdLocation(string? Path, string? Problem);
