using System.Diagnostics;
using DataMesh.Testing;

namespace DataMesh.Bench.EdgeThroughput;

/// <summary>What one run measured: requests answered 200, requests answered otherwise, wall time, and each request's latency in ascending order.</summary>
public sealed record LoadRun(long Succeeded, long Failed, TimeSpan Elapsed, double[] SortedLatenciesMs)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <param name="fraction">0.50 for p50, 0.99 for p99.</param>
    public double Percentile(double fraction) => Quantiles.Percentile(SortedLatenciesMs, fraction);

    /// <summary><paramref name="workers"/> clients sending the request back to back until <paramref name="duration"/> is over.</summary>
    public static async Task<LoadRun> ForAsync(HttpClient client, Func<HttpRequestMessage> request, int workers, TimeSpan duration) =>
        await RunAsync(client, request, workers, started => started.Elapsed < duration, int.MaxValue);

    /// <summary>One client sending <paramref name="count"/> requests one after the other: latency without queueing.</summary>
    public static async Task<LoadRun> SequentialAsync(HttpClient client, Func<HttpRequestMessage> request, int count) =>
        await RunAsync(client, request, 1, _ => true, count);

    private static async Task<LoadRun> RunAsync(HttpClient client, Func<HttpRequestMessage> request, int workers, Func<Stopwatch, bool> goOn, int limit)
    {
        long succeeded = 0, failed = 0, sent = 0;
        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (goOn(clock) && Interlocked.Increment(ref sent) <= limit)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request(), HttpCompletionOption.ResponseContentRead);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref succeeded : ref failed);
            }
        }));
        return new LoadRun(succeeded, failed, clock.Elapsed, latencies.SelectMany(l => l).Order().ToArray());
    }
}
