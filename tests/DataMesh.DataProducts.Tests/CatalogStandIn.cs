using System.Net;
using Aspire.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// A real HTTP server on a free loopback port standing for the catalog: each test maps the catalog routes it scripts
/// (registration, reports, grants), so a domain service talks to it as to the catalog, through its own HttpClient and
/// service credential.
/// </summary>
internal sealed class CatalogStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private CatalogStandIn(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CatalogStandIn> StartAsync(Action<WebApplication> routes)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return new CatalogStandIn(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
