using System.Diagnostics;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Tests.Pipeline;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// The outbox → sidecar → inbox path under failures, on real parts: a consumer service killed in the middle of a
/// stream of events, and the producer's sidecar down for a while as the domain keeps writing. Each HR event is an
/// <c>EmployeeChanged</c> whose salary is the entity's sequence number, so finance's payroll entries (their
/// identity <c>Id</c> is the order of application) show losses, duplicates and reordering per entity.
/// They measure throughput and recovery, so they run alone, after the tests that may run in parallel.
/// </summary>
[Collection(nameof(ResilienceTests))]
public sealed class ResilienceTests(PostgresServerFixture postgres, ITestOutputHelper output) : PipelineTest(postgres), IClassFixture<PostgresServerFixture>
{
    /// <summary>An fsync per delivered event would make the consumer disk-bound; these tests never crash the database server.</summary>
    protected override bool WaitForFlush => false;

    [Fact]
    public async Task A_consumer_killed_in_the_middle_of_ten_thousand_events_and_started_again_applies_each_once_in_order_per_entity()
    {
        const int entityCount = 50;
        const int eventsPerEntity = 200;
        const int total = entityCount * eventsPerEntity;
        const int chunk = 1_000;
        var entities = Enumerable.Range(0, entityCount).Select(_ => Guid.NewGuid()).ToList();
        var sidecar = await StartPublishingSidecarAsync();
        var hr = await StartHrAsync(sidecar);
        var clock = Stopwatch.StartNew();

        // Round-robin over the entities, committed 1,000 at a time while the relay and the consumer are running.
        var events = Enumerable.Range(1, eventsPerEntity).SelectMany(sequence => entities.Select(entity => (Entity: entity, Sequence: sequence))).ToList();
        foreach (var batch in events.Chunk(chunk))
        {
            await using var db = hr.CreateDbContext();
            foreach (var (entity, sequence) in batch)
            {
                Change(hr, db, entity, sequence);
            }

            await db.SaveChangesAsync();
        }

        var committed = clock.Elapsed;
        await UntilAppliedAsync(total / 10, TimeSpan.FromSeconds(120));
        await Finance.DisposeAsync();
        var appliedWhenKilled = await AppliedAsync();
        var killedAt = clock.Elapsed;
        Assert.InRange(appliedWhenKilled, 1, total - 1);

        await StartFinanceAsync();
        await UntilAppliedAsync(total, TimeSpan.FromSeconds(240));
        var drained = clock.Elapsed;
        output.WriteLine(
            $"{total} events committed in {committed.TotalSeconds:F1} s; consumer killed at {killedAt.TotalSeconds:F1} s with {appliedWhenKilled} applied; " +
            $"all applied at {drained.TotalSeconds:F1} s ({total / drained.TotalSeconds:F0} events/s end to end). {Metrics.Summary}");

        await using (var hrDb = hr.CreateDbContext())
        {
            Assert.Equal(total, await hrDb.Set<OutboxEvent>().CountAsync(e => e.SentAt != null));
        }

        await using var financeDb = Finance.CreateDbContext();
        var applied = await financeDb.PayrollEntries.OrderBy(e => e.Id).Select(e => new { e.EmployeeId, e.Salary, e.EventId }).ToListAsync();
        Assert.Equal(total, applied.Count);
        Assert.Equal(total, applied.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(total, applied.Select(e => (e.EmployeeId, e.Salary)).Distinct().Count());
        Assert.Equal(total, await financeDb.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM data_product_inbox").SingleAsync());
        foreach (var entity in entities)
        {
            Assert.Equal(Enumerable.Range(1, eventsPerEntity).Select(s => (decimal)s), applied.Where(e => e.EmployeeId == entity).Select(e => e.Salary));
        }
    }

    [Fact]
    public async Task Events_committed_while_the_producers_sidecar_is_down_for_thirty_seconds_all_reach_the_consumer_once()
    {
        var outage = TimeSpan.FromSeconds(30);
        var pace = TimeSpan.FromMilliseconds(100);
        var entities = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var sequences = entities.ToDictionary(e => e, _ => 0);
        var sidecar = await StartPublishingSidecarAsync();
        var hr = await StartHrAsync(sidecar);

        await using (var db = hr.CreateDbContext())
        {
            foreach (var entity in entities)
            {
                Change(hr, db, entity, ++sequences[entity]);
            }

            await db.SaveChangesAsync();
        }

        await UntilAppliedAsync(entities.Count, TimeSpan.FromSeconds(120));
        await sidecar.StopAsync();

        // The outage is the scenario's fixed length: the domain writes about 10 events/s for 30 s, one transaction each.
        var writtenWhileDown = new List<string>();
        var down = Stopwatch.StartNew();
        using (var ticks = new PeriodicTimer(pace))
        {
            while (down.Elapsed < outage && await ticks.WaitForNextTickAsync())
            {
                var entity = entities[writtenWhileDown.Count % entities.Count];
                await using var db = hr.CreateDbContext();
                var outboxEvent = Change(hr, db, entity, ++sequences[entity]);
                await db.SaveChangesAsync();
                writtenWhileDown.Add(outboxEvent.Id.ToString());
            }
        }

        await using (var db = hr.CreateDbContext())
        {
            Assert.Equal(writtenWhileDown.Count, await db.Set<OutboxEvent>().CountAsync(e => e.SentAt == null));
        }

        Assert.True(writtenWhileDown.Count >= 100, $"Only {writtenWhileDown.Count} events were committed in {down.Elapsed.TotalSeconds:F1} s of outage.");
        var outageLasted = down.Elapsed;
        var restarted = Stopwatch.StartNew();
        await sidecar.StartAsync();
        var healthy = restarted.Elapsed;

        // The relay retries every 400 ms at most, but its DaprClient's gRPC channel backs off reconnecting to the
        // sidecar (1 s, then x1.6, up to 120 s by default): after a 30 s outage its next attempt may come ~20 s late.
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = hr.CreateDbContext();
                return !await db.Set<OutboxEvent>().AnyAsync(e => e.SentAt == null);
            },
            TimeSpan.FromSeconds(40),
            () => $"HR's relay did not send the outbox once the sidecar was back. {Metrics.Summary}");
        var relayed = restarted.Elapsed;
        await UntilAppliedAsync(entities.Count + writtenWhileDown.Count, TimeSpan.FromSeconds(120));
        output.WriteLine(
            $"{writtenWhileDown.Count} events committed during a {outageLasted.TotalSeconds:F1} s outage; after the restart, the sidecar was healthy in {healthy.TotalSeconds:F1} s, all relayed in {relayed.TotalSeconds:F1} s " +
            $"and applied in {restarted.Elapsed.TotalSeconds:F1} s. {Metrics.Summary}");

        await using var financeDb = Finance.CreateDbContext();
        var applied = await financeDb.PayrollEntries.OrderBy(e => e.Id).Select(e => new { e.EmployeeId, e.Salary, e.EventId }).ToListAsync();
        Assert.Equal(entities.Count + writtenWhileDown.Count, applied.Count);
        var appliedWhileDown = applied.Select(e => e.EventId).Where(writtenWhileDown.Contains).ToList();
        Assert.Equal(writtenWhileDown.Order(StringComparer.Ordinal), appliedWhileDown.Order(StringComparer.Ordinal));
        foreach (var entity in entities)
        {
            Assert.Equal(Enumerable.Range(1, sequences[entity]).Select(s => (decimal)s), applied.Where(e => e.EmployeeId == entity).Select(e => e.Salary));
        }
    }
}

[CollectionDefinition(nameof(ResilienceTests), DisableParallelization = true)]
public sealed class ResilienceTestsCollection;
