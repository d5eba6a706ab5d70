using System.Diagnostics;
using DataMesh.Testing;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>
/// The real AppHost, run as the README says, with its publish-kubernetes step writing into a fresh folder.
/// Disposing deletes the folder.
/// </summary>
internal sealed class KubernetesPublishRun : IDisposable
{
    private KubernetesPublishRun(string output, string log, int exitCode)
    {
        Output = output;
        Log = log;
        ExitCode = exitCode;
    }

    public string Output { get; }

    /// <summary>Everything the AppHost printed.</summary>
    public string Log { get; }

    public int ExitCode { get; }

    /// <summary>The step failed, as Aspire logs it and as a deployment script sees it (the exit code).</summary>
    public bool Failed => ExitCode != 0 && Log.Contains($"Step '{KubernetesPublishingExtensions.StepName}' failed", StringComparison.Ordinal);

    /// <summary>Why the step failed, without the stack traces around it; the whole log when no reason is found.</summary>
    public string Reason
    {
        get
        {
            var lines = Log.Split('\n').Select(line => line.Trim()).ToList();
            var first = lines.FindIndex(line => line.Contains("DistributedApplicationException: ", StringComparison.Ordinal));
            return first < 0
                ? Log
                : string.Join('\n', lines.Skip(first).TakeWhile(line => !line.StartsWith("at ", StringComparison.Ordinal)));
        }
    }

    public static async Task<KubernetesPublishRun> StartAsync(params string[] settings)
    {
        var output = Directory.CreateTempSubdirectory("datamesh-k8s-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryLayout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "run", "--project", Path.Combine("apphost", "DataMesh.AppHost"), "--no-build", "-c", RepositoryLayout.Configuration,
            "--", "--operation", "publish", "--step", KubernetesPublishingExtensions.StepName, "--output-path", output, .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var log = await standardOutput + await standardError;
        return new KubernetesPublishRun(output, log, process.ExitCode);
    }

    /// <summary>Every written file's text by file name.</summary>
    public IReadOnlyDictionary<string, string> Files() => DeploymentFolder.Read(Output);

    public void Dispose() => Directory.Delete(Output, recursive: true);
}
