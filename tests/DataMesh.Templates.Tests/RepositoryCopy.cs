using System.Diagnostics;
using DataMesh.Testing;

namespace DataMesh.Templates.Tests;

/// <summary>A copy of this repository as a clone has it: the files git tracks, without build output.</summary>
public static class RepositoryCopy
{
    public static async Task CreateAsync(string destination)
    {
        foreach (var file in await TrackedFilesAsync())
        {
            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepositoryLayout.Root, file), target);
        }
    }

    private static async Task<IReadOnlyList<string>> TrackedFilesAsync()
    {
        var start = new ProcessStartInfo("git", ["ls-files", "-z"])
        {
            WorkingDirectory = RepositoryLayout.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start)!;
        var listing = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, $"git ls-files exited with {git.ExitCode} in {RepositoryLayout.Root}.");

        // A file deleted in the working copy but not yet in the index is not part of it.
        return [.. listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(file => File.Exists(Path.Combine(RepositoryLayout.Root, file)))];
    }
}
