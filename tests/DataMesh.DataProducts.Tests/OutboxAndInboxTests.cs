using Aspire.Hosting;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DataProducts.Tests.Pipeline;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// The whole path on real parts: HR publishes into the outbox of its own PostgreSQL database, its relay sends
/// through a stand-in sidecar process, finance's sidecar delivers to finance's input port, which applies each
/// event once through its inbox.
/// </summary>
public sealed class OutboxAndInboxTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Topic = "hr.employees.v1";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Broker broker = new();
    private readonly DeliveryMetrics metrics = new();
    private readonly List<IAsyncDisposable> running = [];
    private string hrDatabase = string.Empty;
    private DomainService finance = null!;

    public async Task InitializeAsync()
    {
        hrDatabase = await postgres.CreateDatabaseAsync("hr");
        var financePort = FreePort.Next();
        var financeSidecar = Keep(new Sidecar("finance", financePort, broker.ResourcesPath));
        finance = Keep(await DomainService.StartFinanceAsync(await postgres.CreateDatabaseAsync("finance"), financeSidecar, financePort));
        await financeSidecar.StartAsync();
    }

    public async Task DisposeAsync()
    {
        running.Reverse();
        foreach (var part in running)
        {
            await part.DisposeAsync();
        }

        metrics.Dispose();
        broker.Dispose();
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_event_and_a_committed_one_reaches_the_consumer()
    {
        var hr = await StartHrAsync();
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await using (var db = hr.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Hire(hr, db, rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        using var publishing = new System.Diagnostics.Activity("hire").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        await using (var db = hr.CreateDbContext())
        {
            Hire(hr, db, committed);
            await db.SaveChangesAsync();
        }

        publishing.Stop();
        await UntilAppliedAsync(1);
        await using var financeDb = finance.CreateDbContext();
        Assert.Equal([committed], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        await using var hrDb = hr.CreateDbContext();
        var outboxEvent = Assert.Single(await hrDb.Set<OutboxEvent>().ToListAsync());
        Assert.Equal((committed.ToString(), "EmployeeHired", "1.0.0"), (outboxEvent.PartitionKey, outboxEvent.EventType, outboxEvent.ContractVersion));
        Assert.NotNull(outboxEvent.SentAt);
        Assert.Equal(outboxEvent.Id.ToString(), (await financeDb.PayrollEntries.SingleAsync()).EventId);
        Assert.Equal(publishing.Id, outboxEvent.TraceParent);
        foreach (var attribute in new[] { $"\"id\":\"{outboxEvent.Id}\"", "\"dataproduct\":\"hr.employees\"", "\"contractversion\":\"1.0.0\"", $"\"traceparent\":\"00-{publishing.TraceId}-" })
        {
            Assert.True(broker.TopicHolds(Topic, attribute), $"The published CloudEvent lacks {attribute}.");
        }
    }

    [Fact]
    public async Task An_event_that_breaks_the_contract_is_refused_naming_the_field_and_nothing_is_staged()
    {
        var hr = await StartHrAsync();
        await using var db = hr.CreateDbContext();
        var port = hr.Publisher.OutputPort("hr.employees", "employee-events");

        var refused = Assert.Throws<ContractViolationException>(() => port.Publish(db, "EmployeeHired", "e-1", HiredData(Guid.NewGuid()) with { Email = "not an address" }));

        Assert.Contains("email: 'not an address' is not a valid email", refused.Message);
        Assert.Equal("email", Assert.Single(refused.Violations).Field);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_relay_that_dies_between_sending_and_marking_sends_again_and_the_consumer_applies_once()
    {
        var crash = new FailingOutboxMark();
        var hr = await StartHrAsync(interceptor: crash);
        var employee = Guid.NewGuid();

        await using (var db = hr.CreateDbContext())
        {
            Hire(hr, db, employee);
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () =>
        {
            await using var db = hr.CreateDbContext();
            return await db.Set<OutboxEvent>().AllAsync(e => e.SentAt != null) && metrics.Consumed(DeliveryOutcome.Duplicate) >= 1;
        }, Deadline, () => $"The event was not sent again and recognised. {metrics.Summary}");

        Assert.Equal(1, crash.Failures);
        await using var financeDb = finance.CreateDbContext();
        Assert.Equal([employee], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        Assert.Equal(1, metrics.Consumed(DeliveryOutcome.Applied));
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

        var sidecar = Keep(new Sidecar("hr", null, broker.ResourcesPath));
        await sidecar.StartAsync();
        var relays = await Task.WhenAll(
            DomainService.StartHrAsync(hrDatabase, sidecar, batchSize: 10),
            DomainService.StartHrAsync(hrDatabase, sidecar, batchSize: 10));
        running.AddRange(relays);

        await UntilAppliedAsync(employees.Count * changesEach);
        await using var financeDb = finance.CreateDbContext();
        var entries = await financeDb.PayrollEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(employees.Count * changesEach, entries.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(0, metrics.Consumed(DeliveryOutcome.Duplicate));
        foreach (var employee in employees)
        {
            Assert.Equal(Enumerable.Range(1, changesEach).Select(c => (decimal)c), entries.Where(e => e.EmployeeId == employee).Select(e => e.Salary));
        }
    }

    [Fact]
    public async Task An_event_that_breaks_the_consumers_contract_is_dead_lettered_and_a_redelivered_one_applies_once()
    {
        var sidecar = Keep(new Sidecar("rogue-publisher", null, broker.ResourcesPath));
        await sidecar.StartAsync();
        using var dapr = sidecar.CreateDaprClient();
        var invalid = Guid.NewGuid();
        var valid = Guid.NewGuid();

        await PublishRawAsync(dapr, "bad-1", HiredData(invalid) with { Email = "not an address" });
        await PublishRawAsync(dapr, "good-1", HiredData(valid));
        await PublishRawAsync(dapr, "good-1", HiredData(valid));

        await Eventually.TrueAsync(
            () => Task.FromResult(metrics.Consumed(DeliveryOutcome.Duplicate) >= 1 && broker.TopicHolds($"{Topic}.finance.payroll.deadletter", "bad-1")),
            Deadline,
            () => $"Expected a dead-lettered and a recognised redelivered event. {metrics.Summary}");
        await using var financeDb = finance.CreateDbContext();
        Assert.Equal([valid], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        Assert.Equal((1, 1), (metrics.Consumed(DeliveryOutcome.Dropped), metrics.Consumed(DeliveryOutcome.Applied)));
    }

    [Fact]
    public async Task Events_written_while_the_sidecar_is_down_are_sent_once_it_is_back()
    {
        var sidecar = Keep(new Sidecar("hr", null, broker.ResourcesPath));
        await sidecar.StartAsync();
        var hr = Keep(await DomainService.StartHrAsync(hrDatabase, sidecar));
        await using (var db = hr.CreateDbContext())
        {
            Hire(hr, db, Guid.NewGuid());
            await db.SaveChangesAsync();
        }

        await UntilAppliedAsync(1);
        await sidecar.StopAsync();
        const int whileDown = 20;
        for (var i = 0; i < whileDown; i++)
        {
            await using var db = hr.CreateDbContext();
            Hire(hr, db, Guid.NewGuid());
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(() => Task.FromResult(metrics.RelayFailures >= 2), Deadline, () => $"The relay never tried the stopped sidecar. {metrics.Summary}");
        await using (var db = hr.CreateDbContext())
        {
            Assert.Equal(whileDown, await db.Set<OutboxEvent>().CountAsync(e => e.SentAt == null));
        }

        await sidecar.StartAsync();
        await UntilAppliedAsync(1 + whileDown);
        await using var financeDb = finance.CreateDbContext();
        Assert.Equal(1 + whileDown, await financeDb.PayrollEntries.Select(e => e.EmployeeId).Distinct().CountAsync());
    }

    private async Task<DomainService> StartHrAsync(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null, bool relay = true)
    {
        var sidecar = Keep(new Sidecar("hr", null, broker.ResourcesPath));
        if (relay)
        {
            await sidecar.StartAsync();
        }

        var hr = Keep(await DomainService.StartHrAsync(hrDatabase, sidecar, interceptor: interceptor));
        if (!relay)
        {
            await hr.StopAsync();
        }

        return hr;
    }

    private async Task UntilAppliedAsync(int count) => await Eventually.TrueAsync(async () =>
    {
        await using var db = finance.CreateDbContext();
        return await db.PayrollEntries.CountAsync() >= count;
    }, Deadline, () => $"Finance did not apply {count} event(s). {metrics.Summary}");

    private static void Hire(DomainService hr, DomainDbContext db, Guid employee)
    {
        var data = HiredData(employee);
        db.Employees.Add(new Employee { Id = employee, Email = data.Email });
        hr.Publisher.OutputPort("hr.employees", "employee-events").Publish(db, "EmployeeHired", employee.ToString(), data);
    }

    private static void Change(DomainService hr, DomainDbContext db, Guid employee, int salary) =>
        hr.Publisher.OutputPort("hr.employees", "employee-events")
            .Publish(db, "EmployeeChanged", employee.ToString(), new { employeeId = employee, salary, changedAt = DateTimeOffset.UtcNow });

    private static Hired HiredData(Guid employee) =>
        new(employee, "Ada Lovelace", "ada@example.com", "1815-12-10", 5400.50m, "EUR", "2024-03-01");

    /// <summary>Publishes as a foreign publisher would, bypassing HR's contract check, with a chosen CloudEvent id.</summary>
    private static Task PublishRawAsync(Dapr.Client.DaprClient dapr, string id, Hired data)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "/dataproducts/hr.employees",
            ["type"] = "EmployeeHired",
            ["datacontenttype"] = "application/json",
            ["data"] = JsonSerializer.SerializeToNode(data, JsonSerializerOptions.Web),
        };
        return dapr.PublishByteEventAsync(Broker.PubSubName, Topic, JsonSerializer.SerializeToUtf8Bytes(envelope), CloudEventAttributes.ContentType,
            new Dictionary<string, string> { [CloudEventAttributes.PartitionKeyMetadata] = data.EmployeeId.ToString() });
    }

    private T Keep<T>(T part)
        where T : IAsyncDisposable
    {
        running.Add(part);
        return part;
    }

    private sealed record Hired(Guid EmployeeId, string Name, string Email, string BirthDate, decimal Salary, string Currency, string HiredOn);
}
