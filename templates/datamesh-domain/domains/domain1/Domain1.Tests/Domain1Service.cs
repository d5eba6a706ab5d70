using System.Net.Http.Headers;
using System.Net.Http.Json;
using DataMesh.DataProducts.Publishing;
using DataMesh.Quality;
using DataMesh.Quality.SqlPorts;
using DataMesh.Testing;
using Domain1.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Domain1.Tests;

/// <summary>The domain's service on a fresh database of the shared real PostgreSQL server, and a client of its API.</summary>
public sealed class Domain1Service : IAsyncDisposable
{
    public const string Product1 = "/api/domain1/product1";

    private readonly DomainApiFactory<Program> factory;

    private Domain1Service(DomainApiFactory<Program> factory, string connectionString)
    {
        this.factory = factory;
        ConnectionString = connectionString;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>The service's database, as the superuser: for what a test does beside the service (a consumer's role).</summary>
    public string ConnectionString { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<Domain1Service> StartAsync(PostgresServerFixture postgres, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync("domain1");
        return new(new DomainApiFactory<Program>("domain1", connectionString, settings), connectionString);
    }

    /// <summary>A new context on the service's database, to read what the API wrote.</summary>
    public Domain1DbContext Database() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<Domain1DbContext>();

    public Task<List<OutboxEvent>> OutboxAsync() => factory.OutboxAsync();

    /// <summary>The results of the domain's own contracts' quality rules on the service's database, measured now.</summary>
    public Task<IReadOnlyList<QualityCheckResult>> QualityRulesAsync() => factory.QualityRulesAsync();

    /// <summary>Each SQL output port's differences between the live schema and its contract, by contract id.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<SqlPortSchemaDifference>>> SqlPortSchemasAsync() => factory.SqlPortSchemasAsync();

    public static object Record(string name = "Spring launch", decimal amount = 1500m, string recordedOn = "2026-11-02") => new { name, amount, recordedOn };

    /// <summary>Records one and answers its location and ETag.</summary>
    public async Task<(string Location, EntityTagHeaderValue ETag)> RecordAsync(object record)
    {
        var response = await Client.PostAsJsonAsync(Product1, record);
        response.EnsureSuccessStatusCode();
        return (response.Headers.Location!.OriginalString, response.Headers.ETag!);
    }

    /// <summary>Sends <paramref name="body"/> to <paramref name="path"/>, with the version read in <c>If-Match</c> and an <c>Idempotency-Key</c> when given.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object body, EntityTagHeaderValue? version = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (version is not null)
        {
            request.Headers.IfMatch.Add(version);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }
//#if (consumes)

    /// <summary>Delivers an upstream event as the Dapr sidecar does and answers the status the app gave.</summary>
    public Task<string> DeliverAsync(string inputPort, string eventId, string source, string eventType, object data) =>
        Client.DeliverAsync("domain1.product1", inputPort, eventId, source, eventType, data);
//#endif

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
