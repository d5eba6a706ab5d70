using System.Text.Json.Nodes;
using DataMesh.Gateway.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DataMesh.Tool.Tests;

/// <summary>
/// A real HTTP server on a free loopback port in the place of the gateway: it answers a query endpoint's path with pages
/// as the domains' list endpoints do (<c>items</c>, <c>pageNumber</c>, <c>pageSize</c>, <c>totalCount</c>,
/// <c>pageCount</c>; <c>?page=</c>), only to a caller with <see cref="Key"/> in the gateway's header (else 401 with a problem).
/// </summary>
public sealed class QueryEndpoint : IAsyncDisposable
{
    public const string Key = "consumer-key-of-this-test";

    private readonly WebApplication _app;

    private QueryEndpoint(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    /// <summary>Starts the server; <paramref name="pages"/> are the pages each path answers, in order.</summary>
    public static async Task<QueryEndpoint> StartAsync(IReadOnlyDictionary<string, JsonArray[]> pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Headers[EdgeHeaders.ApiKey] != Key)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(
                    new { title = "An API key is required", status = 401, detail = "send the key the catalog issued you in the X-Api-Key header" },
                    options: null, contentType: "application/problem+json");
                return;
            }

            if (!pages.TryGetValue(context.Request.Path.Value!, out var answers))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var page = int.TryParse(context.Request.Query["page"], out var asked) ? asked : 1;
            var items = answers[page - 1].DeepClone();
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["items"] = items,
                ["pageNumber"] = page,
                ["pageSize"] = 2,
                ["totalCount"] = answers.Sum(a => a.Count),
                ["pageCount"] = answers.Length,
            });
        });
        await app.StartAsync();
        return new QueryEndpoint(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
