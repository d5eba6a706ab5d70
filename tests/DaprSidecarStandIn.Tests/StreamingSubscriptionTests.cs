using System.Text.Json.Nodes;
using DataMesh.Testing;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using EventStatus = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// daprd's streaming subscriptions (<c>SubscribeTopicEventsAlpha1</c>; dapr/dapr pkg/api/grpc/subscribe.go,
/// pkg/runtime/pubsub/streamer, postman/streaming/streaming.go), through the Dapr.Protos generated client: a stream's
/// events follow the same consumer group, order, resiliency and dead-letter rules as an app's subscription.
/// </summary>
public sealed class StreamingSubscriptionTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    // What a subscriber that should get nothing is given to show it (the stand-in's consumers poll every 25 ms).
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_stream_receives_its_topics_events_in_order_as_daprd_sends_them_and_metadata_lists_it()
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar("catalog", appPort: null, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("first"));

        await using var stream = await StreamSubscriber.OpenAsync(sidecar, "orders", deadLetterTopic: "orders-dead");
        var metadata = JsonNode.Parse(await sidecar.Http.GetStringAsync("v1.0/metadata"))!;
        var listed = Assert.Single(metadata["subscriptions"]!.AsArray())!;
        Assert.Equal("STREAMING", (string?)listed["type"]);
        Assert.Equal("orders", (string?)listed["topic"]);
        Assert.Equal("orders-dead", (string?)listed["deadLetterTopic"]);

        await client.PublishEventAsync(PubSub, "orders", new { N = 2 }, Id("second"));
        await client.PublishEventAsync(PubSub, "orders", "plain text", Id("third"));
        await Eventually.TrueAsync(() => stream.Received.Count == 3, DeliveryTimeout, () => sidecar.Output);

        // From the group's offset (a new group reads the log from its start), in log order.
        Assert.Equal(["first", "second", "third"], stream.ReceivedIds);
        var second = stream.Received[1];
        Assert.Equal("catalog", second.Source);
        Assert.Equal("com.dapr.event.sent", second.Type);
        Assert.Equal("1.0", second.SpecVersion);
        Assert.Equal("application/json", second.DataContentType);
        Assert.Equal(2, JsonNode.Parse(second.Data.ToStringUtf8())!["n"]!.GetValue<int>());
        Assert.Equal("orders", second.Topic);
        Assert.Equal(PubSub, second.PubsubName);
        Assert.Equal("/", second.Path);
        // The other CloudEvent attributes travel as extensions.
        Assert.Equal("orders", second.Extensions.Fields["topic"].StringValue);
        Assert.Equal(PubSub, second.Extensions.Fields["pubsubname"].StringValue);
        Assert.False(second.Extensions.Fields.ContainsKey("id"));
        Assert.False(second.Extensions.Fields.ContainsKey("data"));
        // DaprClient serialises a string as a JSON string: JSON data is sent as its JSON text.
        Assert.Equal("\"plain text\"", stream.Received[2].Data.ToStringUtf8());

        await stream.CloseAsync();
        Assert.Equal(StatusCode.Unknown, stream.Ended?.StatusCode);
        Assert.Equal("EOF", stream.Ended?.Status.Detail);
        await Eventually.TrueAsync(
            async () => JsonNode.Parse(await sidecar.Http.GetStringAsync("v1.0/metadata"))!["subscriptions"]!.AsArray().Count == 0,
            DeliveryTimeout,
            () => sidecar.Output);
    }

    [Fact]
    public async Task A_retry_is_retried_by_the_inbound_policy_then_dead_lettered_and_without_a_policy_dead_lettered_at_once()
    {
        using var resources = new PubSubResources();
        resources.WriteInboundResiliency(new Dictionary<string, string> { ["policy"] = "constant", ["duration"] = "50ms", ["maxRetries"] = "2" });
        await using var sidecar = new StandInSidecar("catalog", appPort: null, resources.Path);
        await sidecar.StartAsync();
        await using var stream = await StreamSubscriber.OpenAsync(sidecar, "orders", deadLetterTopic: "orders-dead");
        stream.Answer = (message, attempt) => message.Id switch
        {
            "stubborn" => EventStatus.Retry,
            "recovers" when attempt < 3 => EventStatus.Retry,
            _ => EventStatus.Success,
        };

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("stubborn"));
        await client.PublishEventAsync(PubSub, "orders", new { N = 2 }, Id("recovers"));
        await client.PublishEventAsync(PubSub, "orders", new { N = 3 }, Id("fine"));
        await Eventually.TrueAsync(() => stream.ReceivedIds.Contains("fine"), DeliveryTimeout, () => sidecar.Output);

        // maxRetries 2: three attempts, then the dead-letter topic; one event at a time, in order.
        Assert.Equal(["stubborn", "stubborn", "stubborn", "recovers", "recovers", "recovers", "fine"], stream.ReceivedIds);
        Assert.True(resources.TopicHolds("orders-dead", "stubborn"));
        Assert.False(resources.TopicHolds("orders-dead", "recovers"));

        // Without a resiliency policy daprd dead-letters at the first RETRY.
        using var bare = new PubSubResources();
        await using var bareSidecar = new StandInSidecar("catalog", appPort: null, bare.Path);
        await bareSidecar.StartAsync();
        await using var bareStream = await StreamSubscriber.OpenAsync(bareSidecar, "orders", deadLetterTopic: "orders-dead");
        bareStream.Answer = (message, _) => message.Id == "once" ? EventStatus.Retry : EventStatus.Success;
        using var bareClient = bareSidecar.CreateDaprClient();
        await bareClient.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("once"));
        await bareClient.PublishEventAsync(PubSub, "orders", new { N = 2 }, Id("next"));
        await Eventually.TrueAsync(() => bareStream.ReceivedIds.Contains("next"), DeliveryTimeout, () => bareSidecar.Output);
        Assert.Equal(["once", "next"], bareStream.ReceivedIds);
        Assert.True(bare.TopicHolds("orders-dead", "once"));
    }

    [Fact]
    public async Task A_drop_goes_to_the_dead_letter_topic_at_once_even_under_a_retry_policy()
    {
        using var resources = new PubSubResources();
        resources.WriteInboundResiliency(new Dictionary<string, string> { ["policy"] = "constant", ["duration"] = "50ms", ["maxRetries"] = "5" });
        await using var sidecar = new StandInSidecar("catalog", appPort: null, resources.Path);
        await sidecar.StartAsync();
        await using var stream = await StreamSubscriber.OpenAsync(sidecar, "orders", deadLetterTopic: "orders-dead");
        stream.Answer = (message, _) => message.Id == "poison" ? EventStatus.Drop : EventStatus.Success;

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("poison"));
        await client.PublishEventAsync(PubSub, "orders", new { N = 2 }, Id("fine"));
        await Eventually.TrueAsync(() => stream.ReceivedIds.Contains("fine"), DeliveryTimeout, () => sidecar.Output);

        Assert.Equal(["poison", "fine"], stream.ReceivedIds);
        Assert.True(resources.TopicHolds("orders-dead", "poison"));
        Assert.False(resources.TopicHolds("orders-dead", "fine"));
    }

    [Fact]
    public async Task A_closed_stream_leaves_its_unanswered_event_unsettled_and_a_reopened_one_resumes_from_the_committed_offset()
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar("catalog", appPort: null, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        var first = await StreamSubscriber.OpenAsync(sidecar, "orders", deadLetterTopic: "orders-dead");
        first.Answer = (message, _) => message.Id == "in-flight" ? null : EventStatus.Success;
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("done"));
        await client.PublishEventAsync(PubSub, "orders", new { N = 2 }, Id("in-flight"));
        await Eventually.TrueAsync(() => first.ReceivedIds.Contains("in-flight"), DeliveryTimeout, () => sidecar.Output);
        await first.CloseAsync();
        await first.DisposeAsync();

        // Published while no stream is open: kept for the group.
        await client.PublishEventAsync(PubSub, "orders", new { N = 3 }, Id("while-closed"));
        await using var second = await StreamSubscriber.OpenAsync(sidecar, "orders", deadLetterTopic: "orders-dead");
        await Eventually.TrueAsync(() => second.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);

        Assert.Equal(["done", "in-flight"], first.ReceivedIds);
        Assert.Equal(["in-flight", "while-closed"], second.ReceivedIds);
        Assert.False(resources.TopicHolds("orders-dead", "in-flight"));
    }

    [Fact]
    public async Task A_stream_on_a_topic_the_app_subscribes_takes_it_over_and_its_end_unsubscribes_the_topic_as_the_kafka_component_does()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"orders","route":"/orders"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("catalog", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("to-the-app"));
        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);

        var stream = await StreamSubscriber.OpenAsync(sidecar, "orders");
        // The stream is open once daprd answers it; the topic changes hands when the component takes the subscription.
        await Eventually.TrueAsync(() => sidecar.Output.Contains("replaces the running one", StringComparison.Ordinal), DeliveryTimeout, () => sidecar.Output);
        await client.PublishEventAsync(PubSub, "orders", new { N = 2 }, Id("to-the-stream"));
        await Eventually.TrueAsync(() => stream.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["to-the-stream"], stream.ReceivedIds);

        // The component keeps one handler per topic and deletes the topic when a subscription to it ends.
        await stream.CloseAsync();
        await stream.DisposeAsync();
        await client.PublishEventAsync(PubSub, "orders", new { N = 3 }, Id("to-nobody-yet"));
        await Task.Delay(Quiet);
        Assert.Equal(["to-the-app"], app.Received.Select(delivery => delivery.Id));

        // Nothing moved the group's offset: the next subscription gets the event.
        await using var reopened = await StreamSubscriber.OpenAsync(sidecar, "orders");
        await Eventually.TrueAsync(() => reopened.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["to-nobody-yet"], reopened.ReceivedIds);
    }

    [Fact]
    public async Task A_stream_is_refused_without_the_api_token_outside_the_subscription_scope_and_for_an_unknown_pubsub()
    {
        using var resources = new PubSubResources();
        resources.WritePubSub(new Dictionary<string, string> { ["subscriptionScopes"] = "catalog=orders" });
        await using var sidecar = new StandInSidecar("catalog", appPort: null, resources.Path);
        sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable] = "the-api-token";
        await sidecar.StartAsync();

        var withoutToken = await Assert.ThrowsAsync<RpcException>(() => StreamSubscriber.OpenAsync(sidecar, "orders", apiToken: string.Empty));
        Assert.Equal(StatusCode.Unauthenticated, withoutToken.StatusCode);
        var wrongToken = await Assert.ThrowsAsync<RpcException>(() => StreamSubscriber.OpenAsync(sidecar, "orders", apiToken: "not-the-token"));
        Assert.Equal(StatusCode.Unauthenticated, wrongToken.StatusCode);

        var outOfScope = await Assert.ThrowsAsync<RpcException>(() => StreamSubscriber.OpenAsync(sidecar, "salaries"));
        Assert.Equal(StatusCode.Unknown, outOfScope.StatusCode);
        Assert.Equal("failed to create subscription for pubsub: subscription to topic 'salaries' on pubsub 'pubsub' is not allowed", outOfScope.Status.Detail);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => StreamSubscriber.OpenAsync(sidecar, "orders", pubsubName: "nope"));
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Equal("pubsub nope is not found", unknown.Status.Detail);

        // With the token and in scope the stream opens and receives.
        await using var stream = await StreamSubscriber.OpenAsync(sidecar, "orders");
        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { N = 1 }, Id("allowed"));
        await Eventually.TrueAsync(() => stream.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["allowed"], stream.ReceivedIds);
    }

    private static Dictionary<string, string> Id(string id) => new() { ["cloudevent.id"] = id };
}
