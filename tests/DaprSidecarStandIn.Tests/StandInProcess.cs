using Aspire.Hosting;
using DataMesh.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Dapr.Client;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// The built stand-in executable run as a child process with daprd's flags, exactly as the AppHost
/// starts it; its stdout is kept for failure messages.
/// </summary>
public sealed class StandInProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private StandInProcess(string appId, int? appPort, string resourcesPath, IEnumerable<string> extraArgs)
    {
        HttpPort = FreePort.Next();
        GrpcPort = FreePort.Next();
        MetricsPort = FreePort.Next();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var args = new List<string> { "--app-id", appId };
        if (appPort is { } port)
        {
            args.AddRange(["--app-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange([
            "--app-protocol", "http", "--app-channel-address", "localhost",
            "--dapr-http-port", Text(HttpPort), "--dapr-grpc-port", Text(GrpcPort), "--metrics-port", Text(MetricsPort),
            "--resources-path", resourcesPath,
        ]);
        args.AddRange(extraArgs);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/") };
    }

    /// <summary><c>tests/DaprSidecarStandIn/bin/&lt;Configuration&gt;/net10.0/DaprSidecarStandIn</c>, the path Dapr:DaprdPath names.</summary>
    public static string ExecutablePath { get; } = LocateExecutable();

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public int MetricsPort { get; }

    /// <summary>A client of the stand-in's HTTP API port.</summary>
    public HttpClient Http { get; }

    public string Output => string.Join(Environment.NewLine, output);

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public static StandInProcess Start(string appId, int? appPort, string resourcesPath, params string[] extraArgs) =>
        new(appId, appPort, resourcesPath, extraArgs);

    public DaprClient CreateDaprClient() => new DaprClientBuilder()
        .UseGrpcEndpoint($"http://127.0.0.1:{GrpcPort}")
        .UseHttpEndpoint($"http://127.0.0.1:{HttpPort}")
        .Build();

    public async Task<HttpStatusCode?> HealthAsync()
    {
        try
        {
            using var response = await Http.GetAsync("v1.0/healthz");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public Task WaitUntilHealthyAsync() => Eventually.TrueAsync(
        async () => await HealthAsync() == HttpStatusCode.NoContent,
        TimeSpan.FromSeconds(15),
        () => $"The stand-in did not become healthy.{Environment.NewLine}{Output}");

    /// <summary>Stops as the AppHost does, with SIGTERM, and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string LocateExecutable()
    {
        // The tests run from tests/DaprSidecarStandIn.Tests/bin/<Configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var tests = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "DaprSidecarStandIn", "bin", configuration, framework, "DaprSidecarStandIn");
        return File.Exists(path) ? path : throw new FileNotFoundException("The stand-in executable is not built.", path);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
