using System.Diagnostics;
using DataMesh.Testing;

namespace DataMesh.Tool.Tests;

/// <summary>
/// The tool as a domain team gets it: packed from the repository, installed with <c>dotnet tool install</c> into a
/// folder of the test's own, and run as a process with its output redirected (so without colours).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task The_packed_tool_installs_and_answers_with_its_exit_codes()
    {
        var (packages, tools) = (folder.File("packages"), folder.File("tools"));
        await RunAsync("dotnet", "pack", Path.Combine(RepositoryLayout.Root, "platform", "Tool"), "--no-build", "-c", RepositoryLayout.Configuration, "-o", packages);
        // Only the packed folder as a source: a package of the same name elsewhere must not be what gets installed.
        var sources = folder.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--configfile", sources, "DataMesh.Tool");
        var datamesh = Path.Combine(tools, "datamesh");
        var hr = Tool.DomainFolders.Single(f => f.Contains("/hr/", StringComparison.Ordinal));
        var broken = folder.Write("broken.odcs.yaml", File.ReadAllText(Tool.SampleContracts[0]).Replace("classification: internal", "classification: secret"));

        var clean = await RunAsync(datamesh, "lint", hr);
        var findings = await RunAsync(datamesh, "lint", broken);
        var unusable = await RunAsync(datamesh, "lint", folder.File("nowhere"));

        Assert.Equal((ExitCodes.Clean, ExitCodes.Findings, ExitCodes.Unusable), (clean.Exit, findings.Exit, unusable.Exit));
        Assert.Contains("checked: clean.", clean.Output, StringComparison.Ordinal);
        Assert.Contains("'secret' is not one of", findings.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', clean.Output + findings.Output);
    }

    public void Dispose() => folder.Dispose();

    private static async Task<ToolRun> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryLayout.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        var run = new ToolRun(process.ExitCode, await output, await error);
        Assert.True(program != "dotnet" || run.Exit == 0, $"{program} {string.Join(' ', arguments)} exited with {run.Exit}: {run.Output}{run.Error}");
        return run;
    }
}
