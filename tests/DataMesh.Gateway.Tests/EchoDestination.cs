using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.Gateway.Tests;

/// <summary>
/// A real HTTP server behind the gateway, on a free loopback port, that answers every request with the
/// <c>X-Forwarded-For</c> the gateway sent it (what a destination learns about the client), and names in
/// <see cref="Seen"/> headers the path it was asked for and the other headers it got.
/// </summary>
public sealed class EchoDestination : IAsyncDisposable
{
    /// <summary>The prefix of the answer's headers that repeat what the destination received (<c>Seen-Path</c>, <c>Seen-X-Forwarded-Host</c>, ...).</summary>
    public const string Seen = "Seen-";

    private static readonly string[] Repeated = ["X-Forwarded-Host", "X-Forwarded-Proto", MeshHeaders.ServiceCredential];

    private readonly WebApplication _app;

    private EchoDestination(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public static async Task<EchoDestination> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.Headers[Seen + "Path"] = context.Request.Path.Value;
            foreach (var header in Repeated)
            {
                context.Response.Headers[Seen + header] = context.Request.Headers[header];
            }

            return context.Response.WriteAsync(context.Request.Headers["X-Forwarded-For"].ToString());
        });
        await app.StartAsync();
        return new EchoDestination(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
