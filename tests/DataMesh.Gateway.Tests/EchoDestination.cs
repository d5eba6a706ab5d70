using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DataMesh.Gateway.Tests;

/// <summary>
/// A real HTTP server behind the gateway, on a free loopback port, that answers every request with the
/// <c>X-Forwarded-For</c> the gateway sent it: what a destination learns about the client.
/// </summary>
public sealed class EchoDestination : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoDestination(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public static async Task<EchoDestination> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(context.Request.Headers["X-Forwarded-For"].ToString()));
        await app.StartAsync();
        return new EchoDestination(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
