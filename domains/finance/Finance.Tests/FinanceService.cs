using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.DataProducts.Publishing;
using DataMesh.Testing;
using Finance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Finance.Tests;

/// <summary>The finance service on a fresh database of the shared real PostgreSQL server, and a client of its API.</summary>
public sealed class FinanceService : IAsyncDisposable
{
    public const string ConsumerProduct = "finance.cost-center-actuals";

    private readonly DomainApiFactory<Program> factory;

    private FinanceService(DomainApiFactory<Program> factory)
    {
        this.factory = factory;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    public static async Task<FinanceService> StartAsync(PostgresServerFixture postgres, bool demoData = false) =>
        new(new DomainApiFactory<Program>("finance", await postgres.CreateDatabaseAsync("finance"), new Dictionary<string, string?> { ["DemoData:Enabled"] = demoData.ToString() }));

    public FinanceDbContext Database() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<FinanceDbContext>();

    public async Task<List<OutboxEvent>> OutboxAsync(string? eventType = null)
    {
        await using var db = Database();
        return await db.Set<OutboxEvent>().Where(e => eventType == null || e.EventType == eventType).OrderBy(e => e.Sequence).ToListAsync();
    }

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
    public async Task<string> DeliverAsync(string inputPort, string id, string type, object data)
    {
        var response = await Client.PostAsJsonAsync($"/dataproducts/{ConsumerProduct}/inputs/{inputPort}", new
        {
            specversion = "1.0",
            id,
            source = inputPort == "employees" ? "hr" : "marketing",
            type,
            datacontenttype = "application/json",
            data,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
