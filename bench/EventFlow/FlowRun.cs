using System.Diagnostics;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Bench.EventFlow;

/// <summary>One figure of one repetition of one mode, e.g. (bulk, "Sustained", "consumed events/s", 812).</summary>
internal sealed record Figure(FlowMode Mode, string Phase, string Name, double Value);

/// <summary>
/// Publishes through the running producer and waits for the consumer to apply everything, reading the
/// <see cref="FlowTimeline"/> into figures. Each run starts with every earlier event consumed.
/// </summary>
internal sealed class FlowRun(DomainService producer, FlowTimeline timeline, FlowOptions options, ServerStatistics server, CpuTime cpu, FlowMode mode)
{
    private const string Sustained = "Sustained";
    private const string Paced = "Paced";

    /// <summary>How many transactions the warm-up's producer may be ahead of the consumer.</summary>
    private const int WarmUpBacklogBatches = 20;

    /// <summary>How long the consumer may apply nothing before the run is declared stuck.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    // Producer CPU per event versus the database per transaction: contract check and staging, then SaveChanges.
    private readonly List<double> stagingMs = [];
    private readonly List<double> saveMs = [];

    /// <summary>
    /// Keeps the whole pipeline busy for <paramref name="duration"/>, then waits until all was consumed, and measures
    /// nothing: pools, topic files, and above all the JIT, whose tiered compilation with dynamic PGO needs tens of
    /// seconds under load before the hot paths run in their final code. The producer stays at most
    /// <see cref="WarmUpBacklogBatches"/> transactions ahead of the consumer, so that a slow mode is warmed up for
    /// the same time rather than left with a backlog to drain.
    /// </summary>
    /// <returns>How many events the warm-up sent.</returns>
    public async Task<int> WarmUpAsync(TimeSpan duration)
    {
        Reset();
        var started = Stopwatch.GetTimestamp();
        var published = 0;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            if (published - timeline.Count(Stage.InboxCommitted) >= WarmUpBacklogBatches * options.Batch)
            {
                await Task.Delay(5);
                continue;
            }

            await CommitAsync(options.Batch);
            published += options.Batch;
        }

        await UntilConsumedAsync(published);
        return published;
    }

    /// <summary>Phase 1: commits <see cref="FlowOptions.Events"/> in batches as fast as the producer can, and times the consumer.</summary>
    public async Task<IReadOnlyList<Figure>> SustainedAsync()
    {
        Reset();
        var before = await server.ReadAsync();
        var cpuBefore = cpu.Read();
        var started = Stopwatch.GetTimestamp();
        for (var published = 0; published < options.Events; published += options.Batch)
        {
            await CommitAsync(Math.Min(options.Batch, options.Events - published));
        }

        var producerSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await UntilConsumedAsync(options.Events);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuUsed = cpu.Read() - cpuBefore;
        var after = await server.ReadAsync();

        var consumed = timeline.Times(Stage.InboxCommitted);
        return
        [
            new(mode, Sustained, "consumed events/s (steady: 10th to 90th percentile event)", SteadyRate(consumed)),
            new(mode, Sustained, "relayed events/s (steady, sidecar accepted)", SteadyRate(timeline.Times(Stage.RelayPublished))),
            new(mode, Sustained, "producer committed events/s", options.Events / producerSeconds),
            new(mode, Sustained, "producer contract check and staging per event, mean ms", stagingMs.Average()),
            new(mode, Sustained, $"producer SaveChanges per transaction of {options.Batch}, mean ms", saveMs.Average()),
            new(mode, Sustained, "end to end events/s (first commit to last inbox commit)", options.Events / Stopwatch.GetElapsedTime(started, consumed[^1]).TotalSeconds),
            new(mode, Sustained, "relay publish call per event, mean ms", Mean(timeline.Milliseconds(Stage.RelayPublishing, Stage.RelayPublished))),
            new(mode, Sustained, "consumer inbox transaction (of the event's delivery), mean ms", Mean(timeline.Milliseconds(Stage.Applying, Stage.InboxCommitted))),
            new(mode, Sustained, "events per inbox transaction, mean", (double)consumed.Length / consumed.Distinct().Count()),
            new(mode, Sustained, "consumer time between inbox commits, mean ms", 1000 / SteadyRate(consumed)),
            new(mode, Sustained, "PostgreSQL commits per event (both databases)", (double)(after.Commits - before.Commits) / options.Events),
            new(mode, Sustained, "PostgreSQL WAL flushes/s", (after.WalSyncs - before.WalSyncs) / seconds),
            new(mode, Sustained, "CPU ms per event: both services (relay, input port, producer, EF Core)", cpuUsed.Services / options.Events),
            new(mode, Sustained, "CPU ms per event: both stand-in sidecars", cpuUsed.Sidecars / options.Events),
            new(mode, Sustained, "CPU ms per event: PostgreSQL", cpuUsed.Postgres / options.Events),
            new(mode, Sustained, "CPU ms per event: total", cpuUsed.Total / options.Events),
            new(mode, Sustained, "CPU-bound ceiling on 2 cores, events/s (2,000 CPU ms/s over total CPU ms per event)", 2000 / (cpuUsed.Total / options.Events)),
        ];
    }

    /// <summary>
    /// Phase 2: commits at <see cref="FlowOptions.Rate"/> events/s for <see cref="FlowOptions.Seconds"/>, open loop
    /// (each tick commits what is due, so a slow commit makes the next one larger rather than the rate lower),
    /// and reports latency from the producer's commit to the consumer's inbox commit, with its stages.
    /// </summary>
    public async Task<IReadOnlyList<Figure>> PacedAsync()
    {
        Reset();
        var before = await server.ReadAsync();
        var total = options.Rate * options.Seconds;
        var started = Stopwatch.GetTimestamp();
        var published = 0;
        while (published < total)
        {
            var due = (int)Math.Min(total, Stopwatch.GetElapsedTime(started).TotalSeconds * options.Rate) - published;
            if (due <= 0)
            {
                await Task.Delay(1);
                continue;
            }

            var events = Math.Min(due, options.Batch);
            await CommitAsync(events);
            published += events;
        }

        var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await UntilConsumedAsync(total);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = await server.ReadAsync();

        var latency = timeline.Milliseconds(Stage.Committed, Stage.InboxCommitted);
        Array.Sort(latency);
        List<Figure> figures =
        [
            new(mode, Paced, "published events/s (achieved)", total / publishSeconds),
            new(mode, Paced, "latency p50 ms", Quantiles.Percentile(latency, 0.50)),
            new(mode, Paced, "latency p99 ms", Quantiles.Percentile(latency, 0.99)),
            new(mode, Paced, "latency max ms", latency[^1]),
            new(mode, Paced, "PostgreSQL commits per event (both databases)", (double)(after.Commits - before.Commits) / total),
            new(mode, Paced, "PostgreSQL WAL flushes/s", (after.WalSyncs - before.WalSyncs) / seconds),
        ];
        foreach (var (name, from, to) in new[]
        {
            ("outbox wait (commit to relay publishing)", Stage.Committed, Stage.RelayPublishing),
            ("relay publish call (to sidecar accepted)", Stage.RelayPublishing, Stage.RelayPublished),
            ("stand-in delivery (accepted to input port applying)", Stage.RelayPublished, Stage.Applying),
            ("inbox transaction of its delivery (applying to inbox commit)", Stage.Applying, Stage.InboxCommitted),
        })
        {
            var spans = timeline.Milliseconds(from, to);
            Array.Sort(spans);
            figures.Add(new(mode, Paced, $"{name} p50 ms", Quantiles.Percentile(spans, 0.50)));
            figures.Add(new(mode, Paced, $"{name} p99 ms", Quantiles.Percentile(spans, 0.99)));
        }

        return figures;
    }

    private void Reset()
    {
        timeline.Clear();
        stagingMs.Clear();
        saveMs.Clear();
    }

    /// <summary>One producer transaction: <paramref name="events"/> hires and their events (<see cref="OutboxCommitStamp"/> stamps the commit).</summary>
    private async Task CommitAsync(int events)
    {
        // The service's own context, as a domain's request handler would use it (so its commit wakes the relay).
        await using var scope = producer.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DomainDbContext>();
        var staging = Stopwatch.GetTimestamp();
        for (var i = 0; i < events; i++)
        {
            producer.Hire(db, Guid.NewGuid());
        }

        var saving = Stopwatch.GetTimestamp();
        await db.SaveChangesAsync();
        stagingMs.Add(Stopwatch.GetElapsedTime(staging, saving).TotalMilliseconds / events);
        saveMs.Add(Stopwatch.GetElapsedTime(saving).TotalMilliseconds);
    }

    private async Task UntilConsumedAsync(int events)
    {
        var consumed = timeline.Count(Stage.InboxCommitted);
        var lastProgress = Stopwatch.StartNew();
        while (consumed < events)
        {
            await Task.Delay(20);
            var now = timeline.Count(Stage.InboxCommitted);
            if (now != consumed)
            {
                consumed = now;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > Stall)
            {
                throw new TimeoutException($"The consumer applied {consumed} of {events} events and nothing more for {Stall.TotalSeconds} s " +
                    $"(relayed: {timeline.Count(Stage.RelayPublished)}).");
            }
        }
    }

    /// <summary>Events per second between the 10th and the 90th percentile event: without the ramp-up and the tail.</summary>
    private static double SteadyRate(long[] sortedTimes)
    {
        var first = sortedTimes.Length / 10;
        var last = sortedTimes.Length * 9 / 10;
        return (last - first) / Stopwatch.GetElapsedTime(sortedTimes[first], sortedTimes[last]).TotalSeconds;
    }

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();
}
