using System.Globalization;
using System.Runtime.InteropServices;
using DataMesh.Bench.EventFlow;
using DataMesh.Testing;

FlowOptions options;
try
{
    options = FlowOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(FlowOptions.Usage);
    return 2;
}

var loadAtStart = MachineLoad.Averages();
var postgres = new PostgresServerFixture();
using var timeline = new FlowTimeline();
try
{
    Console.Error.WriteLine("Starting PostgreSQL...");
    await postgres.InitializeAsync();
    var statistics = new ServerStatistics(postgres.ConnectionString);
    var figures = new List<Figure>();
    foreach (var mode in options.Modes)
    {
        // Each mode gets its own databases, sidecars and services, so that neither inherits the other's backlog.
        Console.Error.WriteLine($"[{mode.Name}] Starting the consumer, the producer and their sidecars...");
        await using var pipeline = await FlowPipeline.StartAsync(postgres, timeline, options, mode);
        var cpu = await CpuTime.ForAsync(postgres.ConnectionString, pipeline.SidecarProcessIds);
        var run = new FlowRun(pipeline.Producer, timeline, options, statistics, cpu, mode);
        Console.Error.WriteLine($"[{mode.Name}] Warming up for {options.WarmupSeconds} s...");
        var warmedUp = await run.WarmUpAsync(TimeSpan.FromSeconds(options.WarmupSeconds));
        Console.Error.WriteLine($"[{mode.Name}] Warmed up with {warmedUp} events.");
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            Console.Error.WriteLine($"[{mode.Name}] Sustained, repetition {repetition} of {options.Repetitions}: {options.Events} events in batches of {options.Batch}...");
            figures.AddRange(await run.SustainedAsync());
        }

        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            Console.Error.WriteLine($"[{mode.Name}] Paced, repetition {repetition} of {options.Repetitions}: {options.Rate} events/s for {options.Seconds} s...");
            figures.AddRange(await run.PacedAsync());
        }
    }

    Console.WriteLine(await MachineAsync(postgres.ConnectionString, options, loadAtStart));
    Console.WriteLine();
    Console.WriteLine(Table(figures, options.Modes));
    return 0;
}
finally
{
    await postgres.DisposeAsync();
}

// The 1-minute load average: the machines are shared, and figures taken beside other work read differently.

static async Task<string> MachineAsync(string connectionString, FlowOptions options, string loadAtStart)
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var version = new Npgsql.NpgsqlCommand("SHOW server_version", connection);
    return string.Join(Environment.NewLine,
        $"- Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}",
        $"- Load average (1 min) at start and end of the run: {loadAtStart} / {MachineLoad.Averages()} (other work on the machine)",
        $"- .NET: {RuntimeInformation.FrameworkDescription} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC); PostgreSQL {await version.ExecuteScalarAsync()} (local binaries, synchronous_commit {options.SynchronousCommit})",
        $"- Run: modes {string.Join(", ", options.Modes.Select(m => m.Name))}; warm-up {options.WarmupSeconds} s; {options.Repetitions} repetitions; sustained {options.Events} events in transactions of {options.Batch}; " +
        $"paced {options.Rate} events/s for {options.Seconds} s; relay batch {options.RelayBatchSize}, " +
        $"poll {(options.RelayPollInterval ?? new DataMesh.DataProducts.Publishing.OutboxRelayOptions().PollInterval).TotalMilliseconds} ms");
}

// One median and repetitions column pair per mode; with two modes, the ratio of their medians (first / second).
static string Table(IReadOnlyList<Figure> figures, IReadOnlyList<FlowMode> modes)
{
    var header = "| Phase | Figure |" + string.Concat(modes.Select(m => $" {m.Name} median | {m.Name} repetitions |")) + (modes.Count == 2 ? $" {modes[0].Name} / {modes[1].Name} |" : string.Empty);
    var rule = "| --- | --- |" + string.Concat(modes.Select(_ => " ---: | --- |")) + (modes.Count == 2 ? " ---: |" : string.Empty);
    var lines = new List<string> { header, rule };
    foreach (var group in figures.GroupBy(f => (f.Phase, f.Name)))
    {
        var line = $"| {group.Key.Phase} | {group.Key.Name} |";
        var medians = new List<double>();
        foreach (var mode in modes)
        {
            var values = group.Where(f => f.Mode == mode).Select(f => f.Value).ToList();
            medians.Add(values.Count == 0 ? double.NaN : Quantiles.Median(values));
            line += $" {Number(medians[^1])} | {string.Join(" / ", values.Select(Number))} |";
        }

        if (modes.Count == 2)
        {
            line += $" {(medians[0] / medians[1]).ToString("0.00", CultureInfo.InvariantCulture)} |";
        }

        lines.Add(line);
    }

    return string.Join(Environment.NewLine, lines);
}

static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);
