using System.Text.Json.Nodes;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DataProducts.Tests.Pipeline;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// A producer moves on to a later version of hr.employees' contract while finance still reads 1.0.0 (its own copy):
/// what a minor version may add is read or ignored, never dead-lettered; another major version is dead-lettered.
/// Events go through the stand-in sidecars to finance's input port, its inbox in its own PostgreSQL database.
/// </summary>
[Collection(nameof(PipelineTest))]
public sealed class TolerantReadingTests(PostgresServerFixture postgres) : PipelineTest(postgres), IClassFixture<PostgresServerFixture>
{
    private const string DeadLetterTopic = $"{DomainService.Topic}.finance.payroll.deadletter";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly CapturedLog log = new();

    protected override DomainServiceSettings FinanceSettings => new() { Configure = TestTimings, Log = log };

    [Fact]
    public async Task An_event_of_a_later_minor_version_with_an_added_property_is_applied_and_its_inbox_row_keeps_the_unknown_field()
    {
        using var dapr = (await StartPublishingSidecarAsync("newer-publisher")).CreateDaprClient();
        var employee = Guid.NewGuid();
        var data = Data(NewHire.For(employee));
        data["badgeColour"] = "green";

        await ForeignCloudEvent.PublishAsync(dapr, Of("minor-1", "EmployeeHired", "1.1.0", data), employee.ToString());

        await UntilAppliedAsync(1, Deadline);
        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal([employee], await financeDb.PayrollEntries.Select(e => e.EmployeeId).ToListAsync());
        var inboxRow = await financeDb.Set<InboxEntry>().SingleAsync(e => e.EventId == "minor-1");
        Assert.Equal("green", JsonNode.Parse(inboxRow.Data!)!["badgeColour"]!.GetValue<string>());
        Assert.Equal((1, 0), (Metrics.Consumed(DeliveryOutcome.Applied), Metrics.Consumed(DeliveryOutcome.Dropped)));
        Assert.False(Resources.TopicHolds(DeadLetterTopic, "minor-1"));
    }

    [Fact]
    public async Task An_event_type_the_consumers_version_does_not_know_is_acknowledged_recorded_and_not_applied()
    {
        using var dapr = (await StartPublishingSidecarAsync("newer-publisher")).CreateDaprClient();
        var employee = Guid.NewGuid();

        await ForeignCloudEvent.PublishAsync(dapr, Of("relocated-1", "EmployeeRelocated", "1.1.0", new JsonObject { ["employeeId"] = employee.ToString(), ["office"] = "Lyon" }), employee.ToString());

        // Same key, so delivered after it: once this one is applied, the unknown type has been answered.
        await ForeignCloudEvent.PublishAsync(dapr, Of("hired-1", "EmployeeHired", "1.1.0", Data(NewHire.For(employee))), employee.ToString());
        await UntilAppliedAsync(1, Deadline);

        await using var financeDb = Finance.CreateDbContext();
        Assert.Equal(["EmployeeHired"], await financeDb.PayrollEntries.Select(e => e.EventType).ToListAsync());
        Assert.Equal((1, 1, 0), (Metrics.Consumed(DeliveryOutcome.Ignored), Metrics.Consumed(DeliveryOutcome.Applied), Metrics.Consumed(DeliveryOutcome.Dropped)));
        Assert.Contains("Ignored event relocated-1: EmployeeRelocated (contract version 1.1.0) is not an event type of contract hr.employees.events 1.0.0", log.Text, StringComparison.Ordinal);
        Assert.False(Resources.TopicHolds(DeadLetterTopic, "relocated-1"));
    }

    [Fact]
    public async Task An_event_of_another_major_version_is_dead_lettered_with_a_reason_naming_the_version()
    {
        using var dapr = (await StartPublishingSidecarAsync("newer-publisher")).CreateDaprClient();
        var employee = Guid.NewGuid();

        // Data 1.0.0 would accept: the major version alone says the consumer cannot know what it means.
        await ForeignCloudEvent.PublishAsync(dapr, Of("major-2", "EmployeeHired", "2.0.0", Data(NewHire.For(employee))), employee.ToString());

        await Eventually.TrueAsync(
            () => Task.FromResult(Resources.TopicHolds(DeadLetterTopic, "major-2")),
            Deadline,
            () => $"The event of major version 2 was not dead-lettered. {Metrics.Summary}");
        Assert.Contains("contract version 2.0.0 of hr.employees.events has major version 2; this consumer reads major version 1 (1.0.0)", log.Text, StringComparison.Ordinal);
        Assert.Equal(0, await AppliedAsync());
        Assert.Equal((1, 0), (Metrics.Consumed(DeliveryOutcome.Dropped), Metrics.Consumed(DeliveryOutcome.Applied)));
    }

    [Fact]
    public async Task Publishing_an_event_with_a_property_the_contract_does_not_name_is_still_refused()
    {
        var hr = await StartHrAsync(relay: false);
        await using var db = hr.CreateDbContext();
        var data = Data(NewHire.For(Guid.NewGuid()));
        data["badgeColour"] = "green";

        var refused = Assert.Throws<ContractViolationException>(() => hr.EmployeeEvents.Publish(db, "EmployeeHired", "e-1", data));

        Assert.Equal("badgeColour", Assert.Single(refused.Violations).Field);
        Assert.Contains("badgeColour: is not a field of the contract", refused.Message, StringComparison.Ordinal);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    private static JsonObject Data(NewHire hire) => System.Text.Json.JsonSerializer.SerializeToNode(hire, System.Text.Json.JsonSerializerOptions.Web)!.AsObject();

    /// <summary>A CloudEvent of hr.employees written against <paramref name="contractVersion"/> of its contract.</summary>
    private static JsonObject Of(string id, string type, string contractVersion, JsonObject data)
    {
        var envelope = ForeignCloudEvent.Of(id, type, data);
        envelope[CloudEventAttributes.ContractId] = "hr.employees.events";
        envelope[CloudEventAttributes.ContractVersion] = contractVersion;
        return envelope;
    }
}
