using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DataProducts.Tests.Pipeline;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using BulkPublishRequest = Dapr.Client.Autogen.Grpc.v1.BulkPublishRequest;
using BulkPublishRequestEntry = Dapr.Client.Autogen.Grpc.v1.BulkPublishRequestEntry;
using RuntimeClient = Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// The bulk paths on real parts: Dapr bulk delivery into one inbox transaction (finance subscribes with
/// <c>bulkSubscribe</c>). The relay's bulk publishing when the broker refuses an entry: <see cref="PoisonRowTests"/>.
/// </summary>
[Collection(nameof(PipelineTest))]
public sealed class BulkFlowTests(PostgresServerFixture postgres) : PipelineTest(postgres), IClassFixture<PostgresServerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>How many more times finance's handler fails, by CloudEvent id.</summary>
    private readonly ConcurrentDictionary<string, int> failuresLeft = new();

    protected override DomainServiceSettings FinanceSettings => new()
    {
        Configure = TestTimings,
        FailsTransiently = consumed => failuresLeft.TryGetValue(consumed.Id, out var left) && left > 0 && failuresLeft.TryUpdate(consumed.Id, left - 1, left),
    };

    [Fact]
    public async Task A_bulk_applies_its_good_events_once_in_one_transaction_drops_the_violating_one_and_recognises_duplicates()
    {
        using var batches = new BatchProcessing();
        var sidecar = await StartPublishingSidecarAsync("rogue-publisher");
        var earlier = Guid.NewGuid();
        await PublishBulkAsync(sidecar, [Hired("good-0", earlier)]);
        await UntilAppliedAsync(1, Deadline);

        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await PublishBulkAsync(sidecar,
        [
            Hired("good-1", first),
            Hired("bad-1", Guid.NewGuid(), email: "not an address"),
            Hired("good-1", first),
            Hired("good-0", earlier),
            Hired("good-2", second),
        ]);

        await Eventually.TrueAsync(
            () => Task.FromResult(Metrics.Consumed(DeliveryOutcome.Applied) == 3 && Resources.TopicHolds($"{DomainService.Topic}.finance.payroll.deadletter", "bad-1")),
            Deadline,
            () => $"Expected good-1 and good-2 applied and bad-1 dead-lettered. {Metrics.Summary}{Environment.NewLine}{FinanceSidecar.Output}");
        await using var db = Finance.CreateDbContext();
        Assert.Equal(["good-0", "good-1", "good-2"], await db.PayrollEntries.OrderBy(e => e.Id).Select(e => e.EventId).ToListAsync());
        Assert.Equal(3, await db.Set<InboxEntry>().CountAsync());
        Assert.Equal((1L, 2L), (Metrics.Consumed(DeliveryOutcome.Dropped), Metrics.Consumed(DeliveryOutcome.Duplicate)));

        // The four valid events of the second bulk were processed together: one span, one inbox transaction.
        Assert.Contains(4, batches.Sizes);
    }

    [Fact]
    public async Task An_event_failing_in_a_bulk_neither_loses_nor_repeats_the_others_and_its_key_keeps_its_order()
    {
        var sidecar = await StartPublishingSidecarAsync("rogue-publisher");
        var (x, y, z) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // x-1 fails in the bulk's transaction and again alone; x-2, of the same key, must then wait for it.
        failuresLeft["x-1"] = 2;
        await PublishBulkAsync(sidecar, [Changed("x-1", x, 1), Changed("y-1", y, 1), Changed("x-2", x, 2), Changed("z-1", z, 1)]);

        await UntilAppliedAsync(4, Deadline);
        await using var db = Finance.CreateDbContext();
        var applied = await db.PayrollEntries.OrderBy(e => e.Id).Select(e => e.EventId).ToListAsync();
        Assert.Equal(["y-1", "z-1", "x-1", "x-2"], applied);
        Assert.Equal(0, failuresLeft["x-1"]);
        Assert.True(Metrics.Consumed(DeliveryOutcome.Retried) >= 2, Metrics.Summary);
        Assert.Equal(4, Metrics.Consumed(DeliveryOutcome.Applied));
        Assert.Equal(0, Metrics.Consumed(DeliveryOutcome.Duplicate));
    }

    /// <summary>Publishes CloudEvents in one bulk request, as a foreign publisher would (no contract check, chosen ids).</summary>
    private static async Task PublishBulkAsync(StandInSidecar sidecar, IReadOnlyList<(string Id, string Key, JsonObject CloudEvent)> events)
    {
        using var channel = GrpcChannel.ForAddress(sidecar.GrpcEndpoint);
        var request = new BulkPublishRequest { PubsubName = PubSubResources.PubSubName, Topic = DomainService.Topic };
        foreach (var (id, key, cloudEvent) in events)
        {
            var entry = new BulkPublishRequestEntry { EntryId = Guid.NewGuid().ToString(), Event = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(cloudEvent)), ContentType = CloudEventAttributes.ContentType };
            entry.Metadata.Add(CloudEventAttributes.PartitionKeyMetadata, key);
            request.Entries.Add(entry);
        }

        var response = await new RuntimeClient(channel).BulkPublishEventAsync(request);
        Assert.Empty(response.FailedEntries);
    }

    private static (string, string, JsonObject) Hired(string id, Guid employee, string email = "ada@example.com") =>
        (id, employee.ToString(), ForeignCloudEvent.Of(id, "EmployeeHired", NewHire.For(employee) with { Email = email }));

    private static (string, string, JsonObject) Changed(string id, Guid employee, int salary) =>
        (id, employee.ToString(), ForeignCloudEvent.Of(id, "EmployeeChanged", new { employeeId = employee, salary, changedAt = DateTimeOffset.UtcNow }));

    /// <summary>The sizes of the bulks the input port processed, from its batch processing spans.</summary>
    private sealed class BatchProcessing : IDisposable
    {
        private readonly ConcurrentQueue<int> sizes = new();
        private readonly ActivityListener listener;

        public BatchProcessing()
        {
            listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == Microsoft.Extensions.Hosting.MeshTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.Kind == ActivityKind.Consumer && activity.GetTagItem("messaging.batch.message_count") is int size)
                    {
                        sizes.Enqueue(size);
                    }
                },
            };
            ActivitySource.AddActivityListener(listener);
        }

        public IReadOnlyCollection<int> Sizes => sizes.ToArray();

        public void Dispose() => listener.Dispose();
    }
}
