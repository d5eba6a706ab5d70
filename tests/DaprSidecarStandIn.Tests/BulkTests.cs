using System.Text.Json.Nodes;
using Dapr;
using DataMesh.Testing;
using Grpc.Core;

namespace DaprSidecarStandIn.Tests;

/// <summary>Bulk publishing and bulk delivery as daprd does them, through the built stand-in and the real Dapr SDK.</summary>
public sealed class BulkTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A bulk subscription to invoices with a dead-letter topic, and a plain one to that dead-letter topic. The tests
    /// publish their events one by one, so the bulk waits long enough (5 s from the first) for a loaded machine to publish
    /// them all: with 1 s, CI once saw them split over two bulks.
    /// </summary>
    private const string BulkInvoicesWithDeadLetters = """
        [{"pubsubname":"pubsub","topic":"invoices","route":"/invoices","deadLetterTopic":"invoices-dead",
          "bulkSubscribe":{"enabled":true,"maxMessagesCount":10,"maxAwaitDurationMs":5000}},
         {"pubsubname":"pubsub","topic":"invoices-dead","route":"/invoices-dead"}]
        """;

    [Fact]
    public async Task BulkPublish_WithAnEntryOverMaxMessageBytes_WritesTheOthers_AndFailsAsAWholeWithInternal_AsDoesASinglePublishOfIt()
    {
        using var resources = new PubSubResources();
        resources.WritePubSub(new Dictionary<string, string> { ["maxMessageBytes"] = "600" });
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"ledger","route":"/ledger"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();
        var notes = new[] { "small-1", new string('x', 1_000), "small-2" };

        // daprd with Kafka: the producer writes what it can, and the call fails as a whole, naming no entry.
        var bulk = await Assert.ThrowsAnyAsync<Exception>(() => client.BulkPublishEventAsync(PubSub, "ledger", notes.Select(note => new { Note = note }).ToList()));
        var whole = Assert.IsType<RpcException>(bulk as RpcException ?? bulk.InnerException);
        Assert.Equal(StatusCode.Internal, whole.StatusCode);
        Assert.Equal("error when publishing to topic ledger in pubsub pubsub: kafka: Failed to deliver 1 messages.", whole.Status.Detail);
        await Eventually.TrueAsync(() => app.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["small-1", "small-2"], app.Received.Select(delivery => delivery.Body["data"]!["note"]!.GetValue<string>()));

        var alone = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync(PubSub, "ledger", new { Note = notes[1] }));
        var single = Assert.IsType<RpcException>(alone.InnerException);
        Assert.Equal(StatusCode.Internal, single.StatusCode);
        Assert.Contains("Attempt to produce message larger than configured Producer.MaxMessageBytes", single.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith("> 600)", single.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_maxMessageBytes_a_message_over_sarama_s_default_of_one_mebibyte_is_refused()
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar("finance", null, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        await client.PublishEventAsync(PubSub, "ledger", new { Note = new string('x', 1_000_000) });
        var refused = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync(PubSub, "ledger", new { Note = new string('x', 1_048_576) }));
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
        Assert.EndsWith($"> {1024 * 1024})", Assert.IsType<RpcException>(refused.InnerException).Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkSubscribe_DeliversEntriesTogether_AndUnderARetryPolicy_RetriesOnlyTheFailingEntries()
    {
        using var resources = new PubSubResources();
        resources.WriteInboundResiliency(new Dictionary<string, string> { ["policy"] = "constant", ["duration"] = "100ms", ["maxRetries"] = "3" });
        var answers = new Dictionary<string, string?> { ["drop-me"] = "DROP", ["retry-me"] = "RETRY", ["unanswered"] = null };
        await using var app = new SubscriberApp(
            BulkInvoicesWithDeadLetters,
            delivery => delivery.Path == "/invoices" ? BulkAnswer(delivery, answers) : AppAnswer.Success);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        var ids = new[] { "fine-1", "drop-me", "retry-me", "unanswered", "fine-2" };
        await PublishAsync(client, ids);

        await Eventually.TrueAsync(() => app.ReceivedOn("/invoices-dead").Count == 1 && app.ReceivedOn("/invoices").Count == 2, DeliveryTimeout, () => sidecar.Output);
        var bulks = app.ReceivedOn("/invoices");
        Assert.Equal(ids, Entries(bulks[0]));
        Assert.Equal("application/json", bulks[0].ContentType?.Split(';')[0]);
        Assert.Equal("invoices", bulks[0].Body["topic"]?.GetValue<string>());
        var first = bulks[0].Body["entries"]!.AsArray()[0]!;
        Assert.Equal("key-fine-1", first["metadata"]?["__key"]?.GetValue<string>());
        Assert.Equal("application/cloudevents+json", first["contentType"]?.GetValue<string>());

        // Only the entries answered RETRY or not answered at all come again, in log order; the DROP is dead-lettered.
        Assert.Equal(["retry-me", "unanswered"], Entries(bulks[1]));
        Assert.Equal("drop-me", app.ReceivedOn("/invoices-dead")[0].Id);
    }

    [Fact]
    public async Task BulkSubscribe_WithoutAPolicy_EmptyLowerCaseUnknownAndMissingStatusesAreRetriesDeadLetteredAtOnce()
    {
        using var resources = new PubSubResources();
        var answers = new Dictionary<string, string?>
        {
            ["empty"] = string.Empty, ["lower-case"] = "success", ["retry"] = "RETRY", ["missing"] = null, ["drop"] = "DROP",
        };
        await using var app = new SubscriberApp(
            BulkInvoicesWithDeadLetters,
            delivery => delivery.Path == "/invoices" ? BulkAnswer(delivery, answers) : AppAnswer.Success);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        await PublishAsync(client, ["fine", "empty", "lower-case", "retry", "missing", "drop"]);

        await Eventually.TrueAsync(() => app.ReceivedOn("/invoices-dead").Count == 5, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["fine", "empty", "lower-case", "retry", "missing", "drop"], Entries(Assert.Single(app.ReceivedOn("/invoices"))));
        // The DROP goes at once; the four failures go together once the (empty) policy is spent, in log order.
        Assert.Equal(["drop", "empty", "lower-case", "retry", "missing"], app.ReceivedOn("/invoices-dead").Select(delivery => delivery.Id));
    }

    [Fact]
    public async Task BulkSubscribe_CarriesTheTraceOfItsLastEntryWithOne_AsDaprdsCallbackSpans_AndNoTracestate()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(BulkInvoicesWithDeadLetters);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        var traces = new[] { "00-11111111111111111111111111111111-2222222222222222-01", "00-33333333333333333333333333333333-4444444444444444-01" };
        foreach (var (id, trace) in new[] { ("first", traces[0]), ("last-traced", traces[1]) })
        {
            await client.PublishEventAsync(PubSub, "invoices", new { Number = id }, new Dictionary<string, string>
            {
                ["cloudevent.id"] = id, ["cloudevent.traceparent"] = trace, ["cloudevent.tracestate"] = "mesh=1",
            });
        }

        // Published with a traceid that is not a string: daprd starts no span for it, so the one before stays.
        await HttpPublisher.PublishAsync(sidecar, "invoices", """{"specversion":"1.0","id":"untraced","source":"finance","type":"invoiced","traceid":42,"data":{}}""", "application/cloudevents+json");

        await Eventually.TrueAsync(() => app.ReceivedOn("/invoices").Count == 1, DeliveryTimeout, () => sidecar.Output);
        var bulk = Assert.Single(app.ReceivedOn("/invoices"));
        Assert.Equal(["first", "last-traced", "untraced"], Entries(bulk));
        Assert.Equal(traces[1], bulk.Header("traceparent"));
        Assert.Null(bulk.Header("tracestate"));
    }

    [Fact]
    public async Task BulkSubscribe_A404_AcknowledgesEveryEntry_AndDeadLettersNone()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(
            """
            [{"pubsubname":"pubsub","topic":"invoices","route":"/invoices","deadLetterTopic":"invoices-dead",
              "bulkSubscribe":{"enabled":true,"maxMessagesCount":10,"maxAwaitDurationMs":200}}]
            """,
            _ => AppAnswer.NotFound);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        await PublishAsync(client, ["gone-1", "gone-2"]);
        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        await PublishAsync(client, ["later"]);

        await Eventually.TrueAsync(() => app.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["later"], Entries(app.Received[1]));
        Assert.False(resources.TopicHolds("invoices-dead", "gone-1"));
    }

    private static async Task PublishAsync(Dapr.Client.DaprClient client, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            await client.PublishEventAsync(PubSub, "invoices", new { Number = id }, new Dictionary<string, string> { ["cloudevent.id"] = id, ["partitionKey"] = $"key-{id}" });
        }
    }

    /// <summary>
    /// The statuses a bulk subscriber answers: the first time an event comes, the status <paramref name="answers"/> gives
    /// it (null: none at all), SUCCESS otherwise.
    /// </summary>
    private static AppAnswer BulkAnswer(ReceivedDelivery delivery, Dictionary<string, string?> answers)
    {
        var statuses = new JsonArray();
        foreach (var entry in delivery.Body["entries"]!.AsArray())
        {
            var id = entry!["event"]!["id"]!.GetValue<string>();
            var status = answers.Remove(id, out var answer) ? answer : "SUCCESS";
            if (status is not null)
            {
                statuses.Add(new JsonObject { ["entryId"] = entry["entryId"]!.GetValue<string>(), ["status"] = status });
            }
        }

        return new AppAnswer(200, new JsonObject { ["statuses"] = statuses }.ToJsonString());
    }

    private static IReadOnlyList<string> Entries(ReceivedDelivery bulk) =>
        bulk.Body["entries"]!.AsArray().Select(entry => entry!["event"]!["id"]!.GetValue<string>()).ToList();
}
