using System.Net;
using System.Text;
using System.Text.Json;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DataProducts.Tests.Pipeline;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// The whole path on real parts: HR publishes into the outbox of its own PostgreSQL database, its relay sends
/// through a stand-in sidecar process, finance's sidecar delivers to finance's input port, which applies each
/// event once through its inbox.
/// </summary>
[Collection(nameof(PipelineTest))]
public sealed class OutboxAndInboxTests(PostgresServerFixture postgres) : PipelineTest(postgres), IClassFixture<PostgresServerFixture>
{
    private const string Topic = DomainService.Topic;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_rolled_back_change_leaves_no_event_and_a_committed_one_reaches_the_consumer()
    {
        var hr = await StartHrAsync();
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await using (var db = hr.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            hr.Hire(db, rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        using var publishing = new System.Diagnostics.Activity("hire").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        await using (var db = hr.CreateDbContext())
        {
            hr.Hire(db, committed);
            await db.SaveChangesAsync();
        }

        publishing.Stop();
        await UntilAppliedAsync(1);
        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal([committed], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        await using var hrDb = hr.CreateDbContext();
        var outboxEvent = Assert.Single(await hrDb.Set<OutboxEvent>().ToListAsync());
        Assert.Equal((committed.ToString(), "EmployeeHired", "1.0.0"), (outboxEvent.PartitionKey, outboxEvent.EventType, outboxEvent.ContractVersion));
        Assert.NotNull(outboxEvent.SentAt);
        Assert.Equal(outboxEvent.Id.ToString(), (await financeDb.PayrollEntries.SingleAsync()).EventId);
        Assert.Equal(publishing.Id, outboxEvent.TraceParent);
        foreach (var attribute in new[] { $"\"id\":\"{outboxEvent.Id}\"", "\"dataproduct\":\"hr.employees\"", "\"contractversion\":\"1.0.0\"", $"\"traceparent\":\"00-{publishing.TraceId}-" })
        {
            Assert.True(Resources.TopicHolds(Topic, attribute), $"The published CloudEvent lacks {attribute}.");
        }
    }

    [Fact]
    public async Task Events_relayed_in_one_bulk_each_keep_the_trace_they_were_published_in()
    {
        var hr = await StartHrAsync();
        var traces = new List<System.Diagnostics.ActivityTraceId>();
        await using (var db = hr.CreateDbContext())
        {
            // One transaction, two events published in two traces: the relay sends them in one bulk call, whose own
            // trace daprd would write over any event that does not carry traceid.
            foreach (var employee in new[] { Guid.NewGuid(), Guid.NewGuid() })
            {
                using var publishing = new System.Diagnostics.Activity("hire").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
                hr.Hire(db, employee);
                traces.Add(publishing.TraceId);
            }

            await db.SaveChangesAsync();
        }

        await UntilAppliedAsync(2);
        foreach (var trace in traces)
        {
            Assert.True(Resources.TopicHolds(Topic, $"\"traceid\":\"00-{trace}-"), $"No event carries traceid of trace {trace}.");
            Assert.True(Resources.TopicHolds(Topic, $"\"traceparent\":\"00-{trace}-"), $"No event carries traceparent of trace {trace}.");
        }
    }

    [Fact]
    public async Task An_event_that_breaks_the_contract_is_refused_naming_the_field_and_nothing_is_staged()
    {
        var hr = await StartHrAsync();
        await using var db = hr.CreateDbContext();
        var port = hr.EmployeeEvents;

        var refused = Assert.Throws<ContractViolationException>(() => port.Publish(db, "EmployeeHired", "e-1", NewHire.For(Guid.NewGuid()) with { Email = "not an address" }));

        Assert.Contains("email: the value is not a valid email", refused.Message);
        Assert.DoesNotContain("not an address", refused.Message);
        Assert.Equal("email", Assert.Single(refused.Violations).Field);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_relay_that_dies_between_sending_and_marking_sends_again_and_the_consumer_applies_once()
    {
        var crash = new FailingOutboxMark();
        var hr = await StartHrAsync(settings: new DomainServiceSettings { Configure = TestTimings, Interceptor = crash });
        var employee = Guid.NewGuid();

        await using (var db = hr.CreateDbContext())
        {
            hr.Hire(db, employee);
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () =>
        {
            await using var db = hr.CreateDbContext();
            return await db.Set<OutboxEvent>().AllAsync(e => e.SentAt != null) && Metrics.Consumed(DeliveryOutcome.Duplicate) >= 1;
        }, Deadline, () => $"The event was not sent again and recognised. {Metrics.Summary}");

        Assert.Equal(1, crash.Failures);
        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal([employee], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        Assert.Equal(1, Metrics.Consumed(DeliveryOutcome.Applied));
    }

    [Fact]
    public async Task Two_relays_on_one_database_send_every_event_exactly_once_in_order_per_entity()
    {
        var staging = await StartHrAsync(relay: false);
        var employees = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        const int changesEach = 40;
        await using (var db = staging.CreateDbContext())
        {
            for (var change = 1; change <= changesEach; change++)
            {
                foreach (var employee in employees)
                {
                    Change(staging, db, employee, change);
                }
            }

            await db.SaveChangesAsync();
        }

        var sidecar = await StartPublishingSidecarAsync();
        var smallBatches = new DomainServiceSettings { Configure = options => { TestTimings(options); options.Outbox.BatchSize = 10; } };
        await Task.WhenAll(StartHrAsync(sidecar, smallBatches), StartHrAsync(sidecar, smallBatches));

        await UntilAppliedAsync(employees.Count * changesEach);
        await using var financeDb = Finance.CreateDbContext();
        var entries = await financeDb.PayrollEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(employees.Count * changesEach, entries.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(0, Metrics.Consumed(DeliveryOutcome.Duplicate));
        foreach (var employee in employees)
        {
            Assert.Equal(Enumerable.Range(1, changesEach).Select(c => (decimal)c), entries.Where(e => e.EmployeeId == employee).Select(e => e.Salary));
        }
    }

    [Fact]
    public async Task An_event_that_breaks_the_consumers_contract_is_dead_lettered_and_a_redelivered_one_applies_once()
    {
        var sidecar = await StartPublishingSidecarAsync("rogue-publisher");
        using var dapr = sidecar.CreateDaprClient();
        var invalid = Guid.NewGuid();
        var valid = Guid.NewGuid();

        await PublishRawAsync(dapr, "bad-1", NewHire.For(invalid) with { Email = "not an address" });
        await PublishRawAsync(dapr, "good-1", NewHire.For(valid));
        await PublishRawAsync(dapr, "good-1", NewHire.For(valid));

        await Eventually.TrueAsync(
            () => Task.FromResult(Metrics.Consumed(DeliveryOutcome.Duplicate) >= 1 && Resources.TopicHolds($"{Topic}.finance.payroll.deadletter", "bad-1")),
            Deadline,
            () => $"Expected a dead-lettered and a recognised redelivered event. {Metrics.Summary}");
        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal([valid], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        Assert.Equal((1, 1), (Metrics.Consumed(DeliveryOutcome.Dropped), Metrics.Consumed(DeliveryOutcome.Applied)));
    }

    [Fact]
    public async Task The_same_event_delivered_concurrently_is_applied_once_and_every_delivery_succeeds()
    {
        // As daprd would after a rebalance or a timed-out delivery: the same CloudEvent posted several times at once.
        using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FinancePort}") };
        var employee = Guid.NewGuid();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            app.DeliverAsync("finance.payroll", "employees", "concurrent-1", CloudEventAttributes.Source(DomainService.DataProduct), "EmployeeHired", NewHire.For(employee), FinanceSidecar.AppApiToken)));

        Assert.All(statuses, status => Assert.Equal("SUCCESS", status));
        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal([employee], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        Assert.Equal(1, await financeDb.Set<InboxEntry>().CountAsync(e => e.EventId == "concurrent-1"));
        Assert.Equal((1, 7), (Metrics.Consumed(DeliveryOutcome.Applied), Metrics.Consumed(DeliveryOutcome.Duplicate)));
    }

    [Fact]
    public async Task Only_the_apps_own_sidecar_may_ask_for_its_subscriptions_or_deliver_to_it()
    {
        using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FinancePort}") };
        var employee = Guid.NewGuid();
        var forged = $$$"""{"specversion":"1.0","id":"forged-1","source":"/dataproducts/hr.employees","type":"EmployeeHired","data":{"employeeId":"{{{employee}}}"}}""";

        foreach (var token in new[] { null, "not-the-token" })
        {
            using var subscriptions = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
            using var delivery = new HttpRequestMessage(HttpMethod.Post, "/dataproducts/finance.payroll/inputs/employees")
            {
                Content = new StringContent(forged, Encoding.UTF8, CloudEventAttributes.ContentType),
            };
            foreach (var request in new[] { subscriptions, delivery })
            {
                if (token is not null)
                {
                    request.Headers.Add(MeshHeaders.DaprApiToken, token);
                }

                using var response = await app.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        await using var financeDb = Finance.CreateDbContext();
        Assert.False(await financeDb.Set<InboxEntry>().AnyAsync(e => e.EventId == "forged-1"));
        // Its own sidecar's token still lets a delivery in.
        Assert.Equal("SUCCESS", await app.DeliverAsync("finance.payroll", "employees", "genuine-1", CloudEventAttributes.Source(DomainService.DataProduct), "EmployeeHired", NewHire.For(employee), FinanceSidecar.AppApiToken));
    }

    [Fact]
    public async Task Events_written_while_the_sidecar_is_down_are_sent_once_it_is_back()
    {
        var sidecar = await StartPublishingSidecarAsync();
        var hr = await StartHrAsync(sidecar);
        await using (var db = hr.CreateDbContext())
        {
            hr.Hire(db, Guid.NewGuid());
            await db.SaveChangesAsync();
        }

        await UntilAppliedAsync(1);
        await sidecar.StopAsync();
        const int whileDown = 20;
        for (var i = 0; i < whileDown; i++)
        {
            await using var db = hr.CreateDbContext();
            hr.Hire(db, Guid.NewGuid());
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(() => Task.FromResult(Metrics.RelayFailures >= 2), Deadline, () => $"The relay never tried the stopped sidecar. {Metrics.Summary}");
        await using (var db = hr.CreateDbContext())
        {
            Assert.Equal(whileDown, await db.Set<OutboxEvent>().CountAsync(e => e.SentAt == null));
        }

        await sidecar.StartAsync();
        await UntilAppliedAsync(1 + whileDown);
        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal(1 + whileDown, await financeDb.PayrollEntries.Select(e => e.EmployeeId).Distinct().CountAsync());
    }

    private Task UntilAppliedAsync(int count) => UntilAppliedAsync(count, Deadline);

    /// <summary>Publishes as a foreign publisher would, bypassing HR's contract check, with a chosen CloudEvent id.</summary>
    private static Task PublishRawAsync(Dapr.Client.DaprClient dapr, string id, NewHire data) =>
        ForeignCloudEvent.PublishAsync(dapr, ForeignCloudEvent.Of(id, "EmployeeHired", data), data.EmployeeId.ToString());
}
