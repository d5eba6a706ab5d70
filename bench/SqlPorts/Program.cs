using System.Globalization;
using System.Runtime.InteropServices;
using DataMesh.Bench.SqlPorts;
using DataMesh.Testing;

// Options: --rows 100000 --iterations 200 --warmup 20
var rows = Option("--rows", 100_000);
var iterations = Option("--iterations", 200);
var warmup = Option("--warmup", 20);

var loadAtStart = MachineLoad.Averages();
var postgres = new PostgresServerFixture();
try
{
    Console.Error.WriteLine("Starting PostgreSQL...");
    await postgres.InitializeAsync();
    Console.Error.WriteLine($"Making two domains' ports with {rows} rows each and the mesh database...");
    await using var mesh = await SqlPortsMesh.CreateAsync(postgres, rows);

    var queries = mesh.Queries();
    Console.Error.WriteLine($"Warming up ({warmup} rounds), then {iterations} rounds, the queries interleaved...");
    var timings = queries.ToDictionary(query => query.Name, _ => new List<double>());
    for (var round = -warmup; round < iterations; round++)
    {
        // Interleaved, so the machine's load falls on every variant alike; the order turns each round.
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[(round + warmup + i) % queries.Count];
            var elapsed = await query.RunAsync();
            if (round >= 0)
            {
                timings[query.Name].Add(elapsed.TotalMilliseconds);
            }
        }
    }

    Console.WriteLine($"SQL ports, {rows:N0} rows per product, {iterations} rounds after {warmup} of warm-up; {Environment.ProcessorCount} cores, " +
        $"{RuntimeInformation.OSDescription}, PostgreSQL {await mesh.ServerVersionAsync()} ({postgres.Kind}); load average at start {loadAtStart}.");
    Console.WriteLine();
    Console.WriteLine("| Query | Rows | p50 ms | p99 ms | p50 / direct | p99 / direct |");
    Console.WriteLine("|---|---|---|---|---|---|");
    var direct = timings[queries[0].Name].Order().ToList();
    foreach (var query in queries)
    {
        var sorted = timings[query.Name].Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {query.Name} | {query.ResultRows} | {Quantiles.Percentile(sorted, 0.50):F2} | {Quantiles.Percentile(sorted, 0.99):F2} | " +
            $"{Quantiles.Percentile(sorted, 0.50) / Quantiles.Percentile(direct, 0.50):F2} | {Quantiles.Percentile(sorted, 0.99) / Quantiles.Percentile(direct, 0.99):F2} |"));
    }

    return 0;
}
finally
{
    await postgres.DisposeAsync();
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
