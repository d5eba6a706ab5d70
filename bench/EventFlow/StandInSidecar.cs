using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Aspire.Hosting;
using DataMesh.Testing;

namespace DataMesh.Bench.EventFlow;

/// <summary>
/// The daprd stand-in as a child process with daprd's command line, as the AppHost and the pipeline tests run
/// it. Every sidecar of a run gets the same resources path, so they share the stand-in's topic files.
/// </summary>
internal sealed class StandInSidecar : IAsyncDisposable
{
    private const int OutputLinesKept = 50;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private readonly string appId;
    private readonly int? appPort;
    private readonly string resourcesPath;
    private readonly int httpPort = FreePort.Next();
    private readonly int grpcPort = FreePort.Next();
    private readonly int metricsPort = FreePort.Next();

    /// <summary>Picks the sidecar's ports now, so that its app can be configured before the sidecar starts.</summary>
    public StandInSidecar(string appId, int? appPort, string resourcesPath)
    {
        this.appId = appId;
        this.appPort = appPort;
        this.resourcesPath = resourcesPath;
        process = new Process { StartInfo = new ProcessStartInfo(RepositoryLayout.DaprdStandIn) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false } };
    }

    public string GrpcEndpoint => $"http://127.0.0.1:{grpcPort}";

    public string HttpEndpoint => $"http://127.0.0.1:{httpPort}";

    /// <summary>Starts the sidecar and waits until it is healthy, which for an app's sidecar means its subscriptions are loaded.</summary>
    public async Task StartAsync()
    {
        var arguments = new List<string> { "--app-id", appId };
        if (appPort is { } port)
        {
            arguments.AddRange(["--app-port", Text(port)]);
        }

        arguments.AddRange([
            "--app-protocol", "http", "--app-channel-address", "localhost",
            "--dapr-http-port", Text(httpPort), "--dapr-grpc-port", Text(grpcPort), "--metrics-port", Text(metricsPort),
            "--resources-path", resourcesPath,
        ]);
        arguments.ForEach(process.StartInfo.ArgumentList.Add);
        await WaitHealthyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            // SIGTERM, as the AppHost stops it: the stand-in commits its consumer offsets and exits with 0.
            using (var terminate = Process.Start("kill", ["-TERM", Text(process.Id)]))
            {
                await terminate.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        // Its log must be drained or the stand-in blocks once the pipe is full; the tail explains a failed start.
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(HttpEndpoint) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            try
            {
                using var health = await http.GetAsync("v1.0/healthz");
                if (health.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The stand-in sidecar of {appId} did not become healthy.{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
    }

    private bool IsRunning
    {
        get
        {
            try
            {
                return !process.HasExited;
            }
            catch (InvalidOperationException)
            {
                // Never started (the run failed before it).
                return false;
            }
        }
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
}
