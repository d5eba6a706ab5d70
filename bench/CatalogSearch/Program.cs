using System.Diagnostics;
using System.Globalization;
using DataMesh.Bench.CatalogSearch;
using DataMesh.Catalog;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Search latency and registration throughput of the catalog's own code on a real PostgreSQL, in process
// (no HTTP): registrations through DataProductRegistry, searches through ProductSearch.
var products = Option("--products", 10_000);
var domains = Option("--domains", 20);
var searches = Option("--searches", 2_000);
var repetitions = Option("--repetitions", 3);

var loadAtStart = MachineLoad.Averages();
var postgres = new PostgresServerFixture();
await postgres.InitializeAsync();
try
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:catalog-db"] = await postgres.CreateDatabaseAsync("bench") });
    builder.AddCatalog();
    using var host = builder.Build();
    await host.Services.PrepareCatalogDatabaseAsync();

    Console.Error.WriteLine($"Registering {products} data products ({domains} domains), one registration each...");
    var registration = Stopwatch.StartNew();
    for (var i = 0; i < products; i++)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DataProductRegistry>().RegisterAsync(SyntheticProducts.Registration(i, domains), CancellationToken.None);
    }

    var registrationsPerSecond = products / registration.Elapsed.TotalSeconds;
    var repeats = Math.Min(products, 1_000);
    var repeat = Stopwatch.StartNew();
    for (var i = 0; i < repeats; i++)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DataProductRegistry>().RegisterAsync(SyntheticProducts.Registration(i, domains), CancellationToken.None);
    }

    var repeatsPerSecond = repeats / repeat.Elapsed.TotalSeconds;
    await using (var scope = host.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
    }

    var queries = SearchMix.Queries(searches, domains);
    await MeasureAsync(host.Services, queries.Take(200).ToList());
    var runs = new List<(double P50, double P99, double Mean)>();
    var kindRuns = SearchMix.Kinds.Select(_ => new List<double>()).ToList();
    for (var run = 0; run < repetitions; run++)
    {
        Console.Error.WriteLine($"Search run {run + 1}/{repetitions}: {searches} searches...");
        var latencies = await MeasureAsync(host.Services, queries);
        for (var kind = 0; kind < SearchMix.Kinds.Length; kind++)
        {
            kindRuns[kind].Add(Quantiles.Percentile(latencies.Where((_, i) => i % SearchMix.Kinds.Length == kind).Order().ToList(), 0.99));
        }

        latencies.Sort();
        runs.Add((Quantiles.Percentile(latencies, 0.50), Quantiles.Percentile(latencies, 0.99), latencies.Average()));
    }

    Console.WriteLine($"Catalog search benchmark: {products:N0} data products in {domains} domains, {Environment.ProcessorCount} cores, PostgreSQL {postgres.Kind}");
    Console.WriteLine($"Load average (1 min) at start and end: {loadAtStart} / {MachineLoad.Averages()}");
    Console.WriteLine();
    Console.WriteLine("| Measure | Median | Runs |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| Search p50 (ms) | {Quantiles.Median(runs.Select(r => r.P50)):F2} | {string.Join(", ", runs.Select(r => r.P50.ToString("F2", CultureInfo.InvariantCulture)))} |");
    Console.WriteLine($"| Search p99 (ms) | {Quantiles.Median(runs.Select(r => r.P99)):F2} | {string.Join(", ", runs.Select(r => r.P99.ToString("F2", CultureInfo.InvariantCulture)))} |");
    Console.WriteLine($"| Search mean (ms) | {Quantiles.Median(runs.Select(r => r.Mean)):F2} | {string.Join(", ", runs.Select(r => r.Mean.ToString("F2", CultureInfo.InvariantCulture)))} |");
    for (var kind = 0; kind < SearchMix.Kinds.Length; kind++)
    {
        Console.WriteLine($"| Search p99, {SearchMix.Kinds[kind]} (ms) | {Quantiles.Median(kindRuns[kind]):F2} | {string.Join(", ", kindRuns[kind].Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} |");
    }

    Console.WriteLine($"| New registrations per second | {registrationsPerSecond:F0} | one run of {products:N0} |");
    Console.WriteLine($"| Repeated (no-op) registrations per second | {repeatsPerSecond:F0} | one run of {repeats:N0} |");
}
finally
{
    await postgres.DisposeAsync();
}

static async Task<List<double>> MeasureAsync(IServiceProvider services, IReadOnlyList<ProductQuery> queries)
{
    var latencies = new List<double>(queries.Count);
    foreach (var query in queries)
    {
        await using var scope = services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<ProductSearch>();
        var started = Stopwatch.GetTimestamp();
        await search.SearchAsync(query, CancellationToken.None);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    return latencies;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
