using System.Net.Http.Json;
using DataMesh.DataProducts.Publishing;
using DataMesh.Quality;
using DataMesh.Quality.SqlPorts;
using DataMesh.Testing;
using Hr.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hr.Tests;

/// <summary>The HR service on a fresh database of the shared real PostgreSQL server, and a client of its API.</summary>
public sealed class HrService : IAsyncDisposable
{
    private readonly DomainApiFactory<Program> factory;

    private HrService(DomainApiFactory<Program> factory, string connectionString)
    {
        this.factory = factory;
        ConnectionString = connectionString;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>The service's database, as the superuser: for what a test does beside the service (a consumer's role, a drifting migration).</summary>
    public string ConnectionString { get; }

    public static async Task<HrService> StartAsync(PostgresServerFixture postgres, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var connectionString = await postgres.CreateDatabaseAsync("hr");
        return new(new DomainApiFactory<Program>("hr", connectionString, settings, environment), connectionString);
    }

    /// <summary>A new context on the service's database, to read what the API wrote.</summary>
    public HrDbContext Database() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<HrDbContext>();

    public Task<List<OutboxEvent>> OutboxAsync() => factory.OutboxAsync();

    /// <summary>The results of the domain's own contracts' quality rules on the service's database, measured now.</summary>
    public Task<IReadOnlyList<QualityCheckResult>> QualityRulesAsync() => factory.QualityRulesAsync();

    /// <summary>Each SQL output port's differences between the live schema and its contract, by contract id.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<SqlPortSchemaDifference>>> SqlPortSchemasAsync() => factory.SqlPortSchemasAsync();

    public async Task<Guid> CreateDepartmentAsync(string name = "Engineering", string costCenter = "CC-100")
    {
        var response = await Client.PostAsJsonAsync("/api/hr/departments", new { name, costCenter });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    public static object Hire(Guid departmentId, string email = "ada@datamesh.example", decimal monthlySalary = 5400m, string hiredOn = "2026-03-02") => new
    {
        name = "Ada Lovelace",
        email,
        birthDate = "1985-12-10",
        title = "Engineer",
        departmentId,
        monthlySalary,
        hiredOn,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }

    private sealed record IdOnly(Guid Id);
}
