using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// A real HTTP server on a free port in the catalog's sidecar's place for what the catalog publishes (daprd's
/// <c>POST /v1.0/publish/{pubsub}/{topic}</c>): it keeps each request as it came. Where the event goes from there is the
/// end-to-end tests' part, through the daprd stand-in.
/// </summary>
public sealed class RecordingSidecar : IAsyncDisposable
{
    public sealed record Published(string PubSub, string Topic, string? ContentType, string? ApiToken, string Body);

    private readonly WebApplication _app;

    private RecordingSidecar(WebApplication app) => _app = app;

    public ConcurrentQueue<Published> Requests { get; } = new();

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    public static async Task<RecordingSidecar> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sidecar = new RecordingSidecar(app);
        app.MapPost("/v1.0/publish/{pubsub}/{**topic}", async (string pubsub, string topic, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            sidecar.Requests.Enqueue(new Published(pubsub, topic, request.ContentType, request.Headers["dapr-api-token"].FirstOrDefault(), await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        await app.StartAsync();
        return sidecar;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
