using System.Collections.Concurrent;
using System.Net;
using DataMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// Stands where the Aspire dashboard's OTLP endpoint would be: an OTLP/gRPC receiver in the test process (HTTP/2
/// cleartext on a free port) that keeps every span the mesh's services export, so a test can follow a trace across
/// services as the dashboard shows it. The AppHost points its services at it through <see cref="AppHostSetting"/>,
/// as its launch profile points them at the dashboard.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    /// <summary>Aspire's setting for the dashboard's OTLP/gRPC endpoint, which the AppHost gives its services as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public const string AppHostSetting = "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private WebApplication? _host;

    private OtlpTraceReceiver(Uri endpoint) => Endpoint = endpoint;

    public Uri Endpoint { get; }

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var receiver = new OtlpTraceReceiver(new Uri($"http://127.0.0.1:{port}"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // OTLP/gRPC without TLS: HTTP/2 with prior knowledge, as the exporters speak it to an http:// endpoint.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(receiver);
        var host = builder.Build();
        host.MapGrpcService<OtlpTraceExport>();
        await host.StartAsync();
        receiver._host = host;
        return receiver;
    }

    /// <summary>The AppHost setting, as a command-line argument, that sends the services' telemetry here.</summary>
    public string AppHostArgument => $"--{AppHostSetting}={Endpoint}";

    internal void Add(ReceivedSpan span) => _spans.Enqueue(span);

    /// <summary>Waits until a span matching <paramref name="match"/> has arrived and returns the first such span.</summary>
    public async Task<ReceivedSpan> SpanAsync(Func<ReceivedSpan, bool> match, TimeSpan timeout, string description)
    {
        ReceivedSpan? found = null;
        await Eventually.TrueAsync(
            async () =>
            {
                found = _spans.FirstOrDefault(match);
                if (found is null)
                {
                    await Task.Delay(PollInterval);
                }

                return found is not null;
            },
            timeout,
            () => $"No span {description} arrived within {timeout}; {_spans.Count} spans from {string.Join(", ", _spans.Select(s => s.Service).Distinct())} did.");
        return found!;
    }

    /// <summary>The spans received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }
    }
}
