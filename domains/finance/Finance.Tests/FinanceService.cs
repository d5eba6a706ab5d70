using DataMesh.DataProducts.Publishing;
using DataMesh.Quality;
using DataMesh.Quality.SqlPorts;
using DataMesh.Testing;
using Finance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Finance.Tests;

/// <summary>The finance service on a fresh database of the shared real PostgreSQL server, and a client of its API.</summary>
public sealed class FinanceService : IAsyncDisposable
{
    public const string ConsumerProduct = "finance.cost-center-actuals";

    private readonly DomainApiFactory<Program> factory;

    private FinanceService(DomainApiFactory<Program> factory, string connectionString)
    {
        this.factory = factory;
        ConnectionString = connectionString;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>The service's database, as the superuser: for what a test does beside the service.</summary>
    public string ConnectionString { get; }

    public static async Task<FinanceService> StartAsync(PostgresServerFixture postgres, bool demoData = false)
    {
        var connectionString = await postgres.CreateDatabaseAsync("finance");
        return new(new DomainApiFactory<Program>("finance", connectionString, new Dictionary<string, string?> { [DemoDataSetting.Key] = demoData.ToString() }), connectionString);
    }

    public FinanceDbContext Database() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<FinanceDbContext>();

    public Task<List<OutboxEvent>> OutboxAsync(string? eventType = null) => factory.OutboxAsync(eventType);

    /// <summary>The results of the domain's own contracts' quality rules on the service's database, measured now.</summary>
    public Task<IReadOnlyList<QualityCheckResult>> QualityRulesAsync() => factory.QualityRulesAsync();

    /// <summary>Each SQL output port's differences between the live schema and its contract, by contract id.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<SqlPortSchemaDifference>>> SqlPortSchemasAsync() => factory.SqlPortSchemasAsync();

    public async Task OpenCostCentersAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<Commands.Ledger>();
        foreach (var (code, name) in new[] { ("CC-100", "Engineering"), ("CC-300", "Marketing") })
        {
            await ledger.OpenCostCenterAsync(code, name, CancellationToken.None);
        }
    }

    /// <summary>Delivers a CloudEvent to an input port as the Dapr sidecar does, and returns the status the app answered.</summary>
    public Task<string> DeliverAsync(string inputPort, string id, string type, object data) =>
        Client.DeliverAsync(ConsumerProduct, inputPort, id, inputPort == "employees" ? "hr" : "marketing", type, data);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
