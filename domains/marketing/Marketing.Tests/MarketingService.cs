using System.Net.Http.Headers;
using System.Net.Http.Json;
using DataMesh.DataProducts.Publishing;
using DataMesh.Quality;
using DataMesh.Quality.SqlPorts;
using DataMesh.Testing;
using Marketing.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Tests;

/// <summary>The marketing service on a fresh database of the shared real PostgreSQL server, and a client of its API.</summary>
public sealed class MarketingService : IAsyncDisposable
{
    /// <summary>The data product whose descriptor declares marketing's input ports.</summary>
    private const string Consumer = "marketing.campaigns";

    private readonly DomainApiFactory<Program> factory;

    private MarketingService(DomainApiFactory<Program> factory)
    {
        this.factory = factory;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<MarketingService> StartAsync(PostgresServerFixture postgres, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartOn(await postgres.CreateDatabaseAsync("marketing"), settings);

    /// <summary>The service on an existing database, e.g. to start it again on what an earlier start wrote.</summary>
    public static MarketingService StartOn(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(new DomainApiFactory<Program>("marketing", connectionString, settings));

    /// <summary>A new context on the service's database, to read what the API wrote.</summary>
    public MarketingDbContext Database() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<MarketingDbContext>();

    public Task<List<OutboxEvent>> OutboxAsync() => factory.OutboxAsync();

    /// <summary>The results of the domain's own contracts' quality rules on the service's database, measured now.</summary>
    public Task<IReadOnlyList<QualityCheckResult>> QualityRulesAsync() => factory.QualityRulesAsync();

    /// <summary>Each SQL output port's differences between the live schema and its contract, by contract id.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<SqlPortSchemaDifference>>> SqlPortSchemasAsync() => factory.SqlPortSchemasAsync();

    public static object Plan(string name = "Winter newsletter", string channel = "email", string startsOn = "2026-11-02", string endsOn = "2026-12-18", decimal budgetCap = 8000m) =>
        new { name, channel, startsOn, endsOn, budgetCap };

    /// <summary>Plans a campaign and answers its location and ETag.</summary>
    public async Task<(string Location, EntityTagHeaderValue ETag)> PlanAsync(object plan)
    {
        var response = await Client.PostAsJsonAsync("/api/marketing/campaigns", plan);
        response.EnsureSuccessStatusCode();
        return (response.Headers.Location!.OriginalString, response.Headers.ETag!);
    }

    /// <summary>Sends <paramref name="body"/> to <paramref name="path"/> with the version read in <c>If-Match</c>.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, EntityTagHeaderValue? version)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (version is not null)
        {
            request.Headers.IfMatch.Add(version);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Delivers an upstream event as the Dapr sidecar does and answers the status the app gave.</summary>
    public Task<string> DeliverAsync(string inputPort, string eventId, string source, string eventType, object data) =>
        Client.DeliverAsync(Consumer, inputPort, eventId, source, eventType, data);

    /// <summary>Finance allocates (or changes) a budget, delivered on the <c>budgets</c> input port.</summary>
    public Task<string> BudgetAsync(string eventId, Guid budgetId, decimal amount, string fiscalQuarter = "2026-Q4", string category = "marketing", string eventType = "BudgetAllocated") =>
        DeliverAsync("budgets", eventId, "/dataproducts/finance.budgets", eventType, new { budgetId, costCenter = "CC-300", fiscalQuarter, category, amount });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
