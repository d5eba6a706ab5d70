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

    [Fact]
    public async Task BulkPublish_RefusesOnlyTheEntryOverMaxMessageBytes_AndASinglePublishOfItFailsAsInternal()
    {
        using var resources = new PubSubResources();
        resources.WritePubSub(new Dictionary<string, string> { ["maxMessageBytes"] = "600" });
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"ledger","route":"/ledger"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();
        var notes = new[] { "small-1", new string('x', 1_000), "small-2" };

        var response = await client.BulkPublishEventAsync(PubSub, "ledger", notes.Select(note => new { Note = note }).ToList());

        var refused = Assert.Single(response.FailedEntries);
        Assert.Equal(notes[1], refused.Entry.EventData.Note);
        Assert.Contains("maxMessageBytes 600", refused.ErrorMessage, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => app.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["small-1", "small-2"], app.Received.Select(delivery => delivery.Body["data"]!["note"]!.GetValue<string>()));

        var alone = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync(PubSub, "ledger", new { Note = notes[1] }));
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(alone.InnerException).StatusCode);
    }

    [Fact]
    public async Task BulkSubscribe_DeliversEntriesTogether_AndSettlesEachByItsOwnStatus()
    {
        using var resources = new PubSubResources();
        var answers = new Dictionary<string, string> { ["drop-me"] = "DROP", ["retry-me"] = "RETRY" };
        var unansweredOnce = new HashSet<string>();
        await using var app = new SubscriberApp(
            """
            [{"pubsubname":"pubsub","topic":"invoices","route":"/invoices","deadLetterTopic":"invoices-dead",
              "bulkSubscribe":{"enabled":true,"maxMessagesCount":10,"maxAwaitDurationMs":1000}},
             {"pubsubname":"pubsub","topic":"invoices-dead","route":"/invoices-dead"}]
            """,
            delivery => delivery.Path == "/invoices" ? BulkAnswer(delivery, answers, unansweredOnce) : AppAnswer.Success);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        var ids = new[] { "fine-1", "drop-me", "retry-me", "unanswered", "fine-2" };
        foreach (var id in ids)
        {
            await client.PublishEventAsync(PubSub, "invoices", new { Number = id }, new Dictionary<string, string> { ["cloudevent.id"] = id, ["partitionKey"] = $"key-{id}" });
        }

        await Eventually.TrueAsync(() => app.ReceivedOn("/invoices-dead").Count == 1 && Entries(app.ReceivedOn("/invoices")).Count(id => id == "retry-me") >= 2, DeliveryTimeout, () => sidecar.Output);
        var bulks = app.ReceivedOn("/invoices");
        Assert.Equal(ids, Entries(bulks[0]));
        Assert.Equal("application/json", bulks[0].ContentType?.Split(';')[0]);
        Assert.Equal("invoices", bulks[0].Body["topic"]?.GetValue<string>());
        var first = bulks[0].Body["entries"]!.AsArray()[0]!;
        Assert.Equal("key-fine-1", first["metadata"]?["__key"]?.GetValue<string>());
        Assert.Equal("application/cloudevents+json", first["contentType"]?.GetValue<string>());

        // Only the entries answered RETRY or not answered at all come again, in log order.
        Assert.Equal(["retry-me", "unanswered"], Entries(bulks[1]));
        Assert.Equal("drop-me", app.ReceivedOn("/invoices-dead")[0].Id);
    }

    /// <summary>
    /// The statuses a bulk subscriber answers: the given status the first time for some events, none for
    /// <c>unanswered</c> the first time, SUCCESS otherwise.
    /// </summary>
    private static AppAnswer BulkAnswer(ReceivedDelivery delivery, Dictionary<string, string> answers, HashSet<string> unansweredOnce)
    {
        var statuses = new JsonArray();
        foreach (var entry in delivery.Body["entries"]!.AsArray())
        {
            var id = entry!["event"]!["id"]!.GetValue<string>();
            if (id == "unanswered" && unansweredOnce.Add(id))
            {
                continue;
            }

            statuses.Add(new JsonObject { ["entryId"] = entry["entryId"]!.GetValue<string>(), ["status"] = answers.GetValueOrDefault(id, "SUCCESS") });
            answers.Remove(id);
        }

        return new AppAnswer(200, new JsonObject { ["statuses"] = statuses }.ToJsonString());
    }

    private static IReadOnlyList<string> Entries(ReceivedDelivery bulk) =>
        bulk.Body["entries"]!.AsArray().Select(entry => entry!["event"]!["id"]!.GetValue<string>()).ToList();

    private static IEnumerable<string> Entries(IEnumerable<ReceivedDelivery> bulks) => bulks.SelectMany(Entries);
}
