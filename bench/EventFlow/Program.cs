using System.Globalization;
using System.Runtime.InteropServices;
using DataMesh.Bench.EventFlow;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

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

var resources = Directory.CreateTempSubdirectory("datamesh-bench-eventflow-");
var postgres = new PostgresServerFixture();
using var timeline = new FlowTimeline();
StandInSidecar? consumerSidecar = null;
StandInSidecar? producerSidecar = null;
IHost? consumer = null;
IHost? producer = null;
try
{
    Console.Error.WriteLine("Starting PostgreSQL, the consumer, the producer and their sidecars...");
    await postgres.InitializeAsync();
    var producerDatabase = await postgres.CreateDatabaseAsync(FlowServices.Producer);
    var consumerDatabase = await postgres.CreateDatabaseAsync(FlowServices.Consumer);
    await SetSynchronousCommitAsync(postgres.ConnectionString, options.SynchronousCommit, producerDatabase, consumerDatabase);
    WritePubSubComponent(resources.FullName);

    // The consumer's sidecar is healthy only once the app answers its subscriptions, so the app starts first.
    var consumerPort = FreeTcpPort();
    consumerSidecar = new StandInSidecar(FlowServices.Consumer, consumerPort, resources.FullName);
    consumer = await FlowServices.StartConsumerAsync(consumerDatabase, consumerPort, consumerSidecar, new InboxCommitStamp(timeline));
    await consumerSidecar.StartAsync();
    producerSidecar = new StandInSidecar(FlowServices.Producer, null, resources.FullName);
    await producerSidecar.StartAsync();
    producer = await FlowServices.StartProducerAsync(producerDatabase, producerSidecar, options);

    var run = new FlowRun(producer.Services, timeline, options, new ServerStatistics(postgres.ConnectionString));
    Console.Error.WriteLine($"Warming up with {options.Warmup} events...");
    await run.WarmUpAsync(options.Warmup);

    var figures = new List<Figure>();
    for (var repetition = 1; repetition <= options.Repetitions; repetition++)
    {
        Console.Error.WriteLine($"Sustained, repetition {repetition} of {options.Repetitions}: {options.Events} events in batches of {options.Batch}...");
        figures.AddRange(await run.SustainedAsync());
    }

    for (var repetition = 1; repetition <= options.Repetitions; repetition++)
    {
        Console.Error.WriteLine($"Paced, repetition {repetition} of {options.Repetitions}: {options.Rate} events/s for {options.Seconds} s...");
        figures.AddRange(await run.PacedAsync());
    }

    Console.WriteLine(await MachineAsync(postgres.ConnectionString, options));
    Console.WriteLine();
    Console.WriteLine(Table(figures));
    return 0;
}
finally
{
    // Reverse order of starting: nothing publishes into a stopped sidecar or delivers to a stopped app.
    if (producer is not null)
    {
        await producer.StopAsync();
        producer.Dispose();
    }

    if (producerSidecar is not null)
    {
        await producerSidecar.DisposeAsync();
    }

    if (consumerSidecar is not null)
    {
        await consumerSidecar.DisposeAsync();
    }

    if (consumer is not null)
    {
        await consumer.StopAsync();
        consumer.Dispose();
    }

    await postgres.DisposeAsync();
    resources.Delete(recursive: true);
}

// Set per database before any service connects, so that every session of both services runs with it.
static async Task SetSynchronousCommitAsync(string serverConnectionString, string value, params string[] databaseConnectionStrings)
{
    await using var connection = new Npgsql.NpgsqlConnection(serverConnectionString);
    await connection.OpenAsync();
    foreach (var database in databaseConnectionStrings.Select(c => new Npgsql.NpgsqlConnectionStringBuilder(c).Database))
    {
        await using var alter = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{database}\" SET synchronous_commit = {value}", connection);
        await alter.ExecuteNonQueryAsync();
    }
}

static void WritePubSubComponent(string resourcesPath) => File.WriteAllText(Path.Combine(resourcesPath, $"{FlowServices.PubSubName}.yaml"), $"""
    apiVersion: dapr.io/v1alpha1
    kind: Component
    metadata:
      name: {FlowServices.PubSubName}
    spec:
      type: pubsub.kafka
      version: v1
      metadata:
      - name: brokers
        value: localhost:9092
    """);

static int FreeTcpPort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task<string> MachineAsync(string connectionString, FlowOptions options)
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var version = new Npgsql.NpgsqlCommand("SHOW server_version", connection);
    return string.Join(Environment.NewLine,
        $"- Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}",
        $"- .NET: {RuntimeInformation.FrameworkDescription}; PostgreSQL {await version.ExecuteScalarAsync()} (local binaries, synchronous_commit {options.SynchronousCommit})",
        $"- Run: {options.Repetitions} repetitions; sustained {options.Events} events in transactions of {options.Batch}; " +
        $"paced {options.Rate} events/s for {options.Seconds} s; relay batch {options.RelayBatchSize}, " +
        $"poll {(options.RelayPollInterval ?? new DataMesh.DataProducts.Publishing.OutboxRelayOptions().PollInterval).TotalMilliseconds} ms");
}

static string Table(IReadOnlyList<Figure> figures)
{
    var lines = new List<string> { "| Phase | Figure | Median | Repetitions |", "| --- | --- | ---: | --- |" };
    foreach (var group in figures.GroupBy(f => (f.Phase, f.Name)))
    {
        var values = group.Select(f => f.Value).ToList();
        lines.Add($"| {group.Key.Phase} | {group.Key.Name} | {Number(Median(values))} | {string.Join(" / ", values.Select(Number))} |");
    }

    return string.Join(Environment.NewLine, lines);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Number(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);
