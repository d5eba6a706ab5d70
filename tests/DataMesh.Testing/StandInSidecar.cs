using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Aspire.Hosting;
using Dapr.Client;
using Microsoft.Extensions.Hosting;

namespace DataMesh.Testing;

/// <summary>
/// The built daprd stand-in (<see cref="RepositoryLayout.DaprdStandIn"/>) run as a child process with daprd's
/// command line, as the AppHost runs it. Its ports are picked when it is created and kept for its lifetime, so its
/// app can be configured before it starts, and it can be stopped and started again where the app expects it.
/// </summary>
public sealed class StandInSidecar : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int OutputLinesKept = 2_000;
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(10);

    private readonly string appId;
    private readonly int? appPort;
    private readonly string resourcesPath;
    private readonly IReadOnlyList<string> extraArguments;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    /// <param name="appPort">The app's port, whose subscriptions the sidecar loads; null for a sidecar that only publishes.</param>
    /// <param name="extraArguments">More daprd flags, e.g. <c>--log-level debug</c>.</param>
    public StandInSidecar(string appId, int? appPort, string resourcesPath, params string[] extraArguments)
    {
        this.appId = appId;
        this.appPort = appPort;
        this.resourcesPath = resourcesPath;
        this.extraArguments = extraArguments;
        HttpPort = FreePort.Next();
        GrpcPort = FreePort.Next();
        MetricsPort = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri(HttpEndpoint + "/") };
        EnvironmentVariables[MeshCredentials.AppApiTokenVariable] = $"app-token-{Guid.NewGuid():N}";
    }

    /// <summary>
    /// The token the sidecar sends to its app (its <c>APP_API_TOKEN</c>, one of its own unless a test sets another):
    /// give the app the same, as the AppHost does.
    /// </summary>
    public string AppApiToken => EnvironmentVariables[MeshCredentials.AppApiTokenVariable];

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public int MetricsPort { get; }

    public string GrpcEndpoint => $"http://127.0.0.1:{GrpcPort}";

    public string HttpEndpoint => $"http://127.0.0.1:{HttpPort}";

    /// <summary>
    /// The process's environment beyond the test's, set before it starts: Dapr's tokens as the AppHost sets them
    /// (<c>APP_API_TOKEN</c>, which the sidecar sends to its app, see <see cref="AppApiToken"/>; <c>DAPR_API_TOKEN</c>,
    /// which it then requires of its callers, unset unless a test sets it).
    /// </summary>
    public Dictionary<string, string> EnvironmentVariables { get; } = [];

    /// <summary>A client of the sidecar's HTTP API port.</summary>
    public HttpClient Http { get; }

    /// <summary>What the sidecar logged (the latest lines), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    public int? ExitCode => process is { HasExited: true } ? process.ExitCode : null;

    /// <summary>The running process's id, e.g. to read its CPU time.</summary>
    public int? ProcessId => process is { HasExited: false } ? process.Id : null;

    /// <summary>Starts the process without waiting for it to become healthy.</summary>
    public void Launch()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException($"The sidecar of {appId} is already running.");
        }

        process?.Dispose();

        var start = new ProcessStartInfo(RepositoryLayout.DaprdStandIn) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var arguments = new List<string> { "--app-id", appId };
        if (appPort is { } port)
        {
            arguments.AddRange(["--app-port", Text(port)]);
        }

        arguments.AddRange([
            "--app-protocol", "http", "--app-channel-address", "localhost",
            "--dapr-http-port", Text(HttpPort), "--dapr-grpc-port", Text(GrpcPort), "--metrics-port", Text(MetricsPort),
            "--resources-path", resourcesPath,
        ]);
        arguments.AddRange(extraArguments);
        arguments.ForEach(start.ArgumentList.Add);
        foreach (var (name, value) in EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        // Its log must be drained or the stand-in blocks once the pipe is full.
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts the sidecar and waits until it is healthy, which for an app's sidecar means its app port accepted a
    /// connection and, without the app health check, its subscriptions were read (once, as daprd reads them).
    /// </summary>
    public async Task StartAsync()
    {
        Launch();
        await WaitUntilHealthyAsync();
    }

    public Task WaitUntilHealthyAsync() => Eventually.TrueAsync(
        async () => await HealthAsync() == HttpStatusCode.NoContent,
        HealthyWithin,
        () => $"The sidecar of {appId} did not become healthy.{Environment.NewLine}{Output}");

    /// <summary><c>GET /v1.0/healthz</c>'s status, or null while nothing listens.</summary>
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

    /// <summary>A Dapr client of this sidecar, sending its <c>DAPR_API_TOKEN</c> as the app would, when it has one.</summary>
    public DaprClient CreateDaprClient()
    {
        var builder = new DaprClientBuilder().UseGrpcEndpoint(GrpcEndpoint).UseHttpEndpoint(HttpEndpoint);
        if (EnvironmentVariables.TryGetValue(MeshCredentials.DaprApiTokenVariable, out var token))
        {
            builder.UseDaprApiToken(token);
        }

        return builder.Build();
    }

    /// <summary>
    /// Stops as the AppHost does, with SIGTERM (the stand-in commits its consumer offsets), and waits for the exit;
    /// <see cref="StartAsync"/> may run it again afterwards.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(ExitWithin);
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
        process?.Dispose();
        Http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > OutputLinesKept)
        {
            output.TryDequeue(out _);
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
