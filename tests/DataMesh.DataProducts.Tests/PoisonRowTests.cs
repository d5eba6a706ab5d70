using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DataProducts.Tests.Pipeline;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// An outbox row the broker will never take, on real parts: HR's relay, the stand-in refusing as daprd with Kafka does
/// (a bulk publish with a message over the size limit fails as a whole after writing the others), finance consuming.
/// The row is parked after its attempts and holds back nothing; a sidecar or broker that is down parks nothing.
/// </summary>
[Collection(nameof(PipelineTest))]
public sealed class PoisonRowTests(PostgresServerFixture postgres) : PipelineTest(postgres), IClassFixture<PostgresServerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_event_too_large_for_the_broker_is_parked_after_its_attempts_and_its_keys_later_events_and_the_other_keys_flow()
    {
        Resources.WritePubSub(new Dictionary<string, string> { ["maxMessageBytes"] = "2000" });
        var hr = await StartHrAsync();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Guid tooLarge, afterIt, firstOfB;
        await using (var db = hr.CreateDbContext())
        {
            // One bulk round holds b's first event and the too-large one (a round has one event per key).
            firstOfB = Change(hr, db, b, 1).Id;
            tooLarge = hr.EmployeeEvents.Publish(db, "EmployeeChanged", a.ToString(), new { employeeId = a, department = new string('x', 3000), changedAt = DateTimeOffset.UtcNow }).Id;
            afterIt = Change(hr, db, a, 2).Id;
            Change(hr, db, b, 2);
            await db.SaveChangesAsync();
        }

        // The later event of the too-large one's key flows once that one is parked.
        await UntilAppliedAsync(3, Deadline);
        await using (var financeDb = Finance.CreateDbContext())
        {
            var applied = await financeDb.PayrollEntries.OrderBy(e => e.Id).Select(e => new { e.EmployeeId, e.EventId }).ToListAsync();
            Assert.Equal(3, applied.Count);
            Assert.Equal([b, b], applied.Where(e => e.EmployeeId == b).Select(e => e.EmployeeId));
            Assert.Equal(afterIt.ToString(), Assert.Single(applied, e => e.EmployeeId == a).EventId);
        }

        await using var hrDb = hr.CreateDbContext();
        var parked = await hrDb.Set<OutboxEvent>().SingleAsync(e => e.ParkedAt != null);
        Assert.Equal(tooLarge, parked.Id);
        Assert.Equal(new OutboxRelayOptions().MaxAttempts, parked.Attempts);
        Assert.Contains("Producer.MaxMessageBytes", parked.LastError, StringComparison.Ordinal);
        Assert.Null(parked.SentAt);
        Assert.False(await hrDb.Set<OutboxEvent>().AnyAsync(e => e.SentAt == null && e.ParkedAt == null));
        Assert.Equal(0, await hrDb.Set<OutboxEvent>().CountAsync(e => e.Id != tooLarge && e.Attempts > 0));
        Assert.Equal(1, Metrics.Parked);
        Assert.False(Resources.TopicHolds(DomainService.Topic, tooLarge.ToString()));

        // The failed bulk call wrote b's first event and the one-by-one fallback sent it again: one application.
        Assert.Equal(2, Resources.TopicOccurrences(DomainService.Topic, firstOfB.ToString()));
        await Eventually.TrueAsync(() => Task.FromResult(Metrics.Consumed(DeliveryOutcome.Duplicate) >= 1), Deadline, () => Metrics.Summary);
        Assert.Equal(3, await AppliedAsync());
    }

    [Fact]
    public async Task While_the_producers_sidecar_is_down_nothing_is_parked_and_everything_goes_once_it_is_back()
    {
        var sidecar = Keep(new StandInSidecar(DomainService.Hr, null, Resources.Path));
        var hr = await StartHrAsync(sidecar);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = hr.CreateDbContext())
        {
            Change(hr, db, a, 1);
            Change(hr, db, a, 2);
            Change(hr, db, b, 1);
            await db.SaveChangesAsync();
        }

        // Far more refusals than would park a row, were they counted.
        var attempts = new OutboxRelayOptions().MaxAttempts;
        await Eventually.TrueAsync(() => Task.FromResult(Metrics.RelayFailures >= 4 * attempts), Deadline, () => $"The relay did not keep offering. {Metrics.Summary}");
        await AssertNothingCountedAsync(hr);

        await sidecar.StartAsync();
        await UntilAppliedAsync(3, Deadline);
        await AssertNothingCountedAsync(hr);
        Assert.Equal(0, Metrics.Parked);
    }

    [Fact]
    public async Task While_the_broker_fails_every_publish_nothing_is_parked_and_everything_goes_once_it_is_back()
    {
        // HR's sidecar keeps its topics where its broker folder points: first at a file (the broker is gone, every publish
        // fails with an error that names no row), then at the folder finance's sidecar consumes from.
        using var own = new PubSubResources();
        var broken = Path.Combine(own.Path, "broker-down");
        File.WriteAllText(broken, "not a folder");
        Directory.CreateDirectory(Path.GetDirectoryName(own.BrokerPath)!);
        File.CreateSymbolicLink(own.BrokerPath, broken);
        var sidecar = Keep(new StandInSidecar(DomainService.Hr, null, own.Path));
        await sidecar.StartAsync();
        var hr = await StartHrAsync(sidecar);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = hr.CreateDbContext())
        {
            Change(hr, db, a, 1);
            Change(hr, db, a, 2);
            Change(hr, db, b, 1);
            await db.SaveChangesAsync();
        }

        var attempts = new OutboxRelayOptions().MaxAttempts;
        await Eventually.TrueAsync(() => Task.FromResult(Metrics.RelayFailures >= 4 * attempts), Deadline, () => $"The relay did not keep offering. {Metrics.Summary}");
        await AssertNothingCountedAsync(hr);

        Directory.CreateDirectory(Resources.BrokerPath);
        File.Delete(own.BrokerPath);
        Directory.CreateSymbolicLink(own.BrokerPath, Resources.BrokerPath);
        await UntilAppliedAsync(3, Deadline);
        await AssertNothingCountedAsync(hr);
        Assert.Equal(0, Metrics.Parked);
    }

    private static async Task AssertNothingCountedAsync(DomainService hr)
    {
        await using var db = hr.CreateDbContext();
        Assert.False(await db.Set<OutboxEvent>().AnyAsync(e => e.ParkedAt != null || e.Attempts > 0));
    }
}
