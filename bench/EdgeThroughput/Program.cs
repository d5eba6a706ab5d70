using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Globalization;
using System.Net;
using DataMesh.Bench.EdgeThroughput;
using DataMesh.Testing;

// The same query straight to HR's service and through the gateway (key looked up, grant checked, rate counted,
// forwarded), on the real mesh in local mode, in alternating runs so that both see the same machine.
var options = EdgeBenchOptions.Parse(args);
var dataDirectory = ServerReachableDirectory.Create("datamesh-edge-bench-");
var teamKeys = new Dictionary<string, string> { ["hr"] = LocalMeshLauncher.NewTeamKey(), ["finance"] = LocalMeshLauncher.NewTeamKey(), ["marketing"] = LocalMeshLauncher.NewTeamKey() };
Console.WriteLine($"Starting the mesh in local mode ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {MachineLoad.Averages(3)}) ...");
var administrator = MeshAdministrator.New();
var app = await LocalMeshLauncher.StartAsync<Projects.DataMesh_AppHost>(dataDirectory, teamKeys, ["--Mesh:Demo:Traffic=false", .. administrator.Settings()], TimeSpan.FromMinutes(5));
try
{
    using var hrTeam = app.CreateHttpClient("gateway");
    hrTeam.DefaultRequestHeaders.Add("X-Api-Key", teamKeys["hr"]);
    using var signedIn = await administrator.SignInAsync(app);
    var consumer = await GrantedConsumer.CreateAsync(signedIn, hrTeam, "hr.headcount", personalData: false, requestsPerSecond: 100_000);

    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var http = new HttpClient(handler);
    var direct = new Uri(app.GetEndpoint("hr", "http"), options.Query);
    var gateway = new Uri(app.GetEndpoint("gateway", "http"), options.Query);
    HttpRequestMessage Direct() => new(HttpMethod.Get, direct);
    HttpRequestMessage ThroughGateway() => new(HttpMethod.Get, gateway) { Headers = { { "X-Api-Key", consumer.Key } } };

    foreach (var (name, request) in new[] { ("direct", (Func<HttpRequestMessage>)Direct), ("gateway", ThroughGateway) })
    {
        using var check = await http.SendAsync(request());
        if (check.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{name} {options.Query} answered {(int)check.StatusCode}: {await check.Content.ReadAsStringAsync()}");
        }
    }

    Console.WriteLine($"Warming up: {options.Query}, direct {direct.Authority}, gateway {gateway.Authority} ...");
    await LoadRun.ForAsync(http, Direct, options.Concurrency, TimeSpan.FromSeconds(3));
    await LoadRun.ForAsync(http, ThroughGateway, options.Concurrency, TimeSpan.FromSeconds(3));

    var throughput = new List<(LoadRun Direct, LoadRun Gateway)>();
    var latency = new List<(LoadRun Direct, LoadRun Gateway)>();
    for (var repetition = 1; repetition <= options.Repetitions; repetition++)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        throughput.Add((await LoadRun.ForAsync(http, Direct, options.Concurrency, duration), await LoadRun.ForAsync(http, ThroughGateway, options.Concurrency, duration)));
        latency.Add((await LoadRun.SequentialAsync(http, Direct, options.LatencyRequests), await LoadRun.SequentialAsync(http, ThroughGateway, options.LatencyRequests)));
        Console.WriteLine($"run {repetition}: {throughput[^1].Direct.PerSecond:F0} / {throughput[^1].Gateway.PerSecond:F0} requests/s, "
            + $"p50 {latency[^1].Direct.Percentile(0.50):F3} / {latency[^1].Gateway.Percentile(0.50):F3} ms (direct / gateway), load average {MachineLoad.Averages(3)}");
    }

    string Runs(IEnumerable<double> values, string format) => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    var ratios = throughput.Select(t => t.Gateway.PerSecond / t.Direct.PerSecond).ToList();
    var addedP50 = latency.Select(l => l.Gateway.Percentile(0.50) - l.Direct.Percentile(0.50)).ToList();
    var addedP99 = latency.Select(l => l.Gateway.Percentile(0.99) - l.Direct.Percentile(0.99)).ToList();
    var errors = throughput.Concat(latency).Sum(t => t.Direct.Failed + t.Gateway.Failed);
    Console.WriteLine();
    Console.WriteLine($"| Measure ({options.Concurrency} clients for throughput, 1 for latency) | Median | Runs |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| Direct requests/s | {Quantiles.Median(throughput.Select(t => t.Direct.PerSecond)):F0} | {Runs(throughput.Select(t => t.Direct.PerSecond), "F0")} |");
    Console.WriteLine($"| Gateway requests/s | {Quantiles.Median(throughput.Select(t => t.Gateway.PerSecond)):F0} | {Runs(throughput.Select(t => t.Gateway.PerSecond), "F0")} |");
    Console.WriteLine($"| Gateway / direct throughput | {Quantiles.Median(ratios):P1} | {Runs(ratios, "P1")} |");
    Console.WriteLine($"| Direct p50 / p99 (ms) | {Quantiles.Median(latency.Select(l => l.Direct.Percentile(0.50))):F3} / {Quantiles.Median(latency.Select(l => l.Direct.Percentile(0.99))):F3} | |");
    Console.WriteLine($"| Gateway p50 / p99 (ms) | {Quantiles.Median(latency.Select(l => l.Gateway.Percentile(0.50))):F3} / {Quantiles.Median(latency.Select(l => l.Gateway.Percentile(0.99))):F3} | |");
    Console.WriteLine($"| Added p50 (ms) | {Quantiles.Median(addedP50):F3} | {Runs(addedP50, "F3")} |");
    Console.WriteLine($"| Added p99 (ms) | {Quantiles.Median(addedP99):F3} | {Runs(addedP99, "F3")} |");
    Console.WriteLine($"| Requests not answered 200 | {errors} | |");
    Console.WriteLine();
    Console.WriteLine($"Targets: throughput through the edge at least 80% of direct: {(Quantiles.Median(ratios) >= 0.8 ? "met" : "NOT met")}; "
        + $"added p50 under 1 ms: {(Quantiles.Median(addedP50) < 1 ? "met" : "NOT met")}. Load average at the end {MachineLoad.Averages(3)}.");
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Directory.Delete(dataDirectory, recursive: true);
}
