using Aspire.Hosting;
using DataMesh.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Dapr.Client;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>
/// The daprd stand-in run as a child process with daprd's flags, as the AppHost runs it. Its ports are fixed
/// for its lifetime, so it can be stopped and started again where the app expects it.
/// </summary>
internal sealed class Sidecar : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly string appId;
    private readonly int? appPort;
    private readonly string resourcesPath;
    private readonly ConcurrentQueue<string> output = new();
    private readonly HttpClient http;
    private Process? process;

    public Sidecar(string appId, int? appPort, string resourcesPath)
    {
        this.appId = appId;
        this.appPort = appPort;
        this.resourcesPath = resourcesPath;
        HttpPort = FreePort.Next();
        GrpcPort = FreePort.Next();
        MetricsPort = FreePort.Next();
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/") };
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public int MetricsPort { get; }

    public string GrpcEndpoint => $"http://127.0.0.1:{GrpcPort}";

    public string HttpEndpoint => $"http://127.0.0.1:{HttpPort}";

    public string Output => string.Join(Environment.NewLine, output);

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var args = new List<string> { "--app-id", appId };
        if (appPort is { } port)
        {
            args.AddRange(["--app-port", Text(port)]);
        }

        args.AddRange([
            "--app-protocol", "http", "--app-channel-address", "localhost",
            "--dapr-http-port", Text(HttpPort), "--dapr-grpc-port", Text(GrpcPort), "--metrics-port", Text(MetricsPort),
            "--resources-path", resourcesPath,
        ]);
        args.ForEach(start.ArgumentList.Add);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(
            async () => await HealthAsync() == HttpStatusCode.NoContent,
            TimeSpan.FromSeconds(20),
            () => $"The sidecar of {appId} did not become healthy.{Environment.NewLine}{Output}");
    }

    public DaprClient CreateDaprClient() => new DaprClientBuilder().UseGrpcEndpoint(GrpcEndpoint).UseHttpEndpoint(HttpEndpoint).Build();

    /// <summary>Stops as the AppHost does, with SIGTERM, and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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

        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        http.Dispose();
    }

    private async Task<HttpStatusCode?> HealthAsync()
    {
        try
        {
            using var response = await http.GetAsync("v1.0/healthz");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>tests/DaprSidecarStandIn/bin/&lt;Configuration&gt;/net10.0/DaprSidecarStandIn</c>, next to this project's output.</summary>
    private static string ExecutablePath
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tests = testOutput.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(tests, "DaprSidecarStandIn", "bin", testOutput.Parent.Name, testOutput.Name, "DaprSidecarStandIn");
            return File.Exists(path) ? path : throw new FileNotFoundException("The stand-in executable is not built.", path);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
