using Aspire.Hosting;
using DataMesh.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// A real ASP.NET Core app on 127.0.0.1 that declares its subscriptions on <c>/dapr/subscribe</c> and
/// records every event POSTed to it. It can be stopped and started again on the same port; what it
/// received survives that.
/// </summary>
public sealed class SubscriberApp : IAsyncDisposable
{
    private readonly string subscriptionsJson;
    private readonly Func<ReceivedDelivery, AppAnswer> answer;
    private readonly ConcurrentQueue<ReceivedDelivery> received = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private readonly ConcurrentQueue<string?> subscribeTokens = new();
    private int healthProbes;
    private int healthProbesWithToken;
    private WebApplication? app;

    public SubscriberApp(string subscriptionsJson, Func<ReceivedDelivery, AppAnswer>? answer = null)
    {
        this.subscriptionsJson = subscriptionsJson;
        this.answer = answer ?? (_ => AppAnswer.Success);
        Port = FreePort.Next();
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedDelivery> Received => received.ToArray();

    /// <summary>The <c>dapr-api-token</c> of each <c>GET /dapr/subscribe</c> (null when absent).</summary>
    public IReadOnlyList<string?> SubscribeTokens => subscribeTokens.ToArray();

    public IReadOnlyList<ReceivedDelivery> ReceivedOn(string path) => received.Where(delivery => delivery.Path == path).ToArray();

    /// <summary>How many of the first <c>GET /dapr/subscribe</c> calls get no answer: the app drops the connection.</summary>
    public int UnansweredSubscribeCalls { get; init; }

    /// <summary>While set, what <c>GET /dapr/subscribe</c> answers instead of the subscriptions.</summary>
    public int? SubscribeStatus { get; set; }

    /// <summary>How many times <c>GET /dapr/subscribe</c> was called.</summary>
    public int SubscribeCalls => subscribeTokens.Count;

    /// <summary>What <c>GET /healthz</c> answers: 204 while true, 503 while false.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>How many times <c>GET /healthz</c> was asked, and how many of those carried a <c>dapr-api-token</c>.</summary>
    public (int Probes, int WithToken) HealthProbes => (healthProbes, healthProbesWithToken);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        app = builder.Build();
        app.MapGet("/dapr/subscribe", (HttpContext context) =>
        {
            subscribeTokens.Enqueue(context.Request.Headers.TryGetValue(MeshHeaders.DaprApiToken, out var token) ? token.ToString() : null);
            if (subscribeTokens.Count <= UnansweredSubscribeCalls)
            {
                context.Abort();
                return Results.Empty;
            }

            return SubscribeStatus is { } status ? Results.StatusCode(status) : Results.Text(subscriptionsJson, "application/json");
        });
        app.MapGet("/healthz", (HttpRequest request) =>
        {
            Interlocked.Increment(ref healthProbes);
            if (request.Headers.ContainsKey(MeshHeaders.DaprApiToken))
            {
                Interlocked.Increment(ref healthProbesWithToken);
            }

            return Healthy ? Results.NoContent() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapPost("/{**path}", ReceiveAsync);
        await app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        var headers = request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var key = $"{request.Path}|{body["id"]}";
        var delivery = new ReceivedDelivery(request.Path, request.ContentType, headers, body, attempts.AddOrUpdate(key, 1, (_, count) => count + 1), DateTimeOffset.UtcNow);
        received.Enqueue(delivery);
        var reply = answer(delivery);
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay);
        }

        return reply.Body is null
            ? Results.StatusCode(reply.StatusCode)
            : Results.Text(reply.Body, "application/json", statusCode: reply.StatusCode);
    }
}
