using System.Net;
using System.Text.Json.Nodes;
using DataMesh.Testing;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// daprd reads an app's subscriptions once per run (dapr/dapr pkg/runtime/processor/subscriber/subscriber.go,
/// initProgrammaticSubscriptions; pkg/runtime/pubsub/subscriptions.go, GetSubscriptionsHTTP), after the app port
/// accepts a TCP connection: a call without an answer is retried 3 times under DaprBuiltInInitializationRetries
/// (pkg/resiliency/resiliency.go), any answer but 200 or 404 is taken as no subscriptions, and nothing asks again.
/// </summary>
public sealed class SubscriptionLoadingTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private const string Subscriptions = """[{"pubsubname":"pubsub","topic":"orders","route":"/orders"}]""";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    // Longer than daprd's 10 s budget for the retries would let another read happen, were there one.
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_app_that_answers_within_the_three_retries_gets_its_subscriptions()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(Subscriptions) { UnansweredSubscribeCalls = 3 };
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("catalog", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, new Dictionary<string, string> { ["cloudevent.id"] = "delivered" });
        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal("delivered", app.Received[0].Id);
        Assert.Equal(4, app.SubscribeCalls);
    }

    [Fact]
    public async Task An_app_that_does_not_answer_within_the_retries_has_no_subscriptions_for_the_run_even_when_it_answers_later()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(Subscriptions) { UnansweredSubscribeCalls = 4 };
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("catalog", app.Port, resources.Path);
        await sidecar.StartAsync();

        // The sidecar is up, its one read (four attempts) failed, and the app would now answer: nothing asks it.
        await AssertNoSubscriptionsAsync(app, sidecar, expectedCalls: 4);
    }

    [Fact]
    public async Task An_app_that_answers_an_error_once_has_no_subscriptions_for_the_run()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(Subscriptions) { SubscribeStatus = (int)HttpStatusCode.ServiceUnavailable };
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("catalog", app.Port, resources.Path);
        await sidecar.StartAsync();
        app.SubscribeStatus = null;

        // An answer is not retried, whatever its status.
        await AssertNoSubscriptionsAsync(app, sidecar, expectedCalls: 1);
    }

    private static async Task AssertNoSubscriptionsAsync(SubscriberApp app, StandInSidecar sidecar, int expectedCalls)
    {
        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, new Dictionary<string, string> { ["cloudevent.id"] = "undelivered" });
        await Task.Delay(Quiet);

        Assert.Empty(app.Received);
        Assert.Equal(expectedCalls, app.SubscribeCalls);
        var metadata = JsonNode.Parse(await sidecar.Http.GetStringAsync("v1.0/metadata"))!;
        Assert.Empty(metadata["subscriptions"]!.AsArray());
    }
}
