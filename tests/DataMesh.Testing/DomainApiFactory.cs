using DataMesh.Contracts;
using DataMesh.DataProducts.Publishing;
using DataMesh.Quality;
using DataMesh.Quality.SqlPorts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataMesh.Testing;

/// <summary>
/// A domain service hosted in the test process, as its Program wires it, on its own database of a real
/// PostgreSQL server; demo data off unless asked, so each test sees only what it wrote (a setting given as null is
/// left out). Its outbox relay finds no sidecar and keeps the events in the outbox, where the tests read them.
/// </summary>
public sealed class DomainApiFactory<TProgram>(
    string domain, string connectionString, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    : WebApplicationFactory<TProgram>
    where TProgram : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var configuration = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{domain}-db"] = connectionString,
            [DemoDataSetting.Key] = "false",
            // As the AppHost gives it: the sidecar's deliveries (InputPortDelivery) carry it.
            [MeshCredentials.AppApiTokenVariable] = InputPortDelivery.AppToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        foreach (var omitted in configuration.Where(setting => setting.Value is null).Select(setting => setting.Key).ToList())
        {
            configuration.Remove(omitted);
        }

        // Settings, not app configuration: Program reads connection strings while it builds, before
        // ConfigureAppConfiguration's sources would be added.
        foreach (var (key, value) in configuration)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The events the service's transactions put in its outbox, oldest first; only <paramref name="eventType"/> when given.</summary>
    public async Task<List<OutboxEvent>> OutboxAsync(string? eventType = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        return await db.Set<OutboxEvent>().Where(e => eventType == null || e.EventType == eventType).OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>
    /// Measures every library and sql quality rule of the domain's own contracts on the service's database now, as the
    /// platform does on their schedules: what a test checks its sample data against.
    /// </summary>
    public async Task<IReadOnlyList<QualityCheckResult>> QualityRulesAsync()
    {
        var catalogue = Services.GetRequiredService<DataProductCatalogue>();
        var database = Services.GetRequiredService<NpgsqlDataSource>();
        var results = new List<QualityCheckResult>();
        foreach (var contract in catalogue.DataProducts.Where(p => p.Domain == domain).SelectMany(catalogue.ContractsOffered))
        {
            results.AddRange(await QualityCheck.RunAsync(database, contract));
        }

        return results;
    }

    /// <summary>
    /// Each SQL output port's contract among the domain's own (by contract id), with the differences between its
    /// PostgreSQL server's live schema in the service's database and what it describes: none when they are equal.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SqlPortSchemaDifference>>> SqlPortSchemasAsync()
    {
        var catalogue = Services.GetRequiredService<DataProductCatalogue>();
        var database = Services.GetRequiredService<NpgsqlDataSource>();
        var differences = new SortedDictionary<string, IReadOnlyList<SqlPortSchemaDifference>>(StringComparer.Ordinal);
        foreach (var contract in catalogue.DataProducts.Where(p => p.Domain == domain).SelectMany(catalogue.ContractsOffered))
        {
            if (SqlPort.Of(contract) is { } port)
            {
                differences[contract.Id] = await SqlPortSchemaCheck.CheckAsync(database, port);
            }
        }

        return differences;
    }
}
