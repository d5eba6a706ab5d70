using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.Tests.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Tests;

/// <summary>Registration against a real HTTP catalog stand-in that answers what each test scripts.</summary>
public sealed class CatalogRegistrationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Registers_the_own_descriptors_and_contracts_retrying_until_the_catalog_accepts()
    {
        await using var catalog = await FakeCatalog.StartAsync(HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound, HttpStatusCode.Created);
        using var service = await StartServiceAsync(catalog.Address);

        Assert.True(await service.Services.GetRequiredService<CatalogRegistration>().Registered.WaitAsync(Deadline));
        Assert.Equal(3, catalog.Requests.Count);
        Assert.Single(catalog.Requests.Distinct());
        using var body = JsonDocument.Parse(catalog.Requests.First());
        Assert.Equal("hr", body.RootElement.GetProperty("domain").GetString());
        var descriptor = Assert.Single(body.RootElement.GetProperty("descriptors").EnumerateArray());
        Assert.Equal("hr/employees.odps.yaml", descriptor.GetProperty("path").GetString());
        Assert.Contains("id: hr.employees", descriptor.GetProperty("yaml").GetString());
        var contract = Assert.Single(body.RootElement.GetProperty("contracts").EnumerateArray());
        Assert.Equal("hr/employees.odcs.yaml", contract.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_the_log_says_why()
    {
        await using var catalog = await FakeCatalog.StartAsync(HttpStatusCode.Conflict, HttpStatusCode.Created);
        var log = new CapturedLog();
        using var service = await StartServiceAsync(catalog.Address, log);

        Assert.False(await service.Services.GetRequiredService<CatalogRegistration>().Registered.WaitAsync(Deadline));
        Assert.Single(catalog.Requests);
        Assert.Contains($"with 409; not retrying. {FakeCatalog.RefusalTitle}: {FakeCatalog.RefusalDetail}", log.Text, StringComparison.Ordinal);
    }

    private static async Task<IHost> StartServiceAsync(Uri catalog, ILoggerProvider? log = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            builder.Logging.AddProvider(log);
        }

        builder.Services.AddDbContext<DomainDbContext>(options => options.UseNpgsql("Host=127.0.0.1;Database=unused"));
        builder.AddDataProducts<DomainDbContext>("hr", options =>
        {
            DomainService.UseTestDefinitions(options);
            options.Outbox.Enabled = false;
            options.Catalog.Enabled = true;
            options.Catalog.Address = catalog;
            options.Catalog.MinRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Answers registrations with the scripted status codes in turn (a refusal with a problem, as the catalog's) and keeps the bodies.</summary>
    private sealed class FakeCatalog : IAsyncDisposable
    {
        public const string RefusalTitle = "The registration conflicts with what is registered";

        public const string RefusalDetail = "hr/employees.odcs.yaml:1:1: version: 1.0.0 is registered with other content";

        private CatalogStandIn server = null!;

        public Uri Address => server.Address;

        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<FakeCatalog> StartAsync(params HttpStatusCode[] answers)
        {
            var catalog = new FakeCatalog();
            catalog.server = await CatalogStandIn.StartAsync(app => app.MapPost(new CatalogRegistrationOptions().Path, async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                catalog.Requests.Enqueue(await reader.ReadToEndAsync());
                var status = (int)answers[Math.Min(catalog.Requests.Count, answers.Length) - 1];
                return status is >= 400 and < 500 ? Results.Problem(title: RefusalTitle, detail: RefusalDetail, statusCode: status) : Results.StatusCode(status);
            }));
            return catalog;
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
