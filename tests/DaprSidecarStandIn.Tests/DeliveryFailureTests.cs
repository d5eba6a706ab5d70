using DataMesh.Testing;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// What the stand-in does with an event the app does not take, as daprd v1.18 does (dapr/dapr
/// pkg/runtime/subscription/subscription.go, postman/http/http.go, pkg/resiliency; the Kafka component's
/// common/component/kafka/consumer.go): the inbound resiliency policy first, then the dead-letter topic, else the
/// component's redelivery.
/// </summary>
public sealed class DeliveryFailureTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_a_resiliency_policy_the_first_retry_error_or_unknown_status_dead_letters_the_event_and_acknowledges_it()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(
            """
            [{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"},
             {"pubsubname":"pubsub","topic":"orders-dead","route":"/orders-dead"}]
            """,
            delivery => (delivery.Path, delivery.Id) switch
            {
                ("/orders", "retry") => AppAnswer.Retry,
                ("/orders", "error") => AppAnswer.ServerError,
                ("/orders", "lower-case") => AppAnswer.Status("success"),
                _ => AppAnswer.Success,
            });
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        foreach (var id in new[] { "retry", "error", "lower-case", "fine" })
        {
            await client.PublishEventAsync(PubSub, "orders", new { Id = id }, Id(id));
        }

        await Eventually.TrueAsync(() => app.ReceivedOn("/orders-dead").Count == 3 && app.ReceivedOn("/orders").Count == 4, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["retry", "error", "lower-case"], app.ReceivedOn("/orders-dead").Select(delivery => delivery.Id));
        // One attempt each, then the next event: nothing is delivered again.
        Assert.Equal(["retry", "error", "lower-case", "fine"], app.ReceivedOn("/orders").Select(delivery => delivery.Id));
        Assert.All(app.Received, delivery => Assert.Equal(1, delivery.Attempt));
    }

    [Fact]
    public async Task Without_a_resiliency_policy_an_event_for_an_unreachable_app_is_dead_lettered()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        await app.StopAsync();
        await client.PublishEventAsync(PubSub, "orders", new { Id = 1 }, Id("while-down"));
        await Eventually.TrueAsync(() => resources.TopicHolds("orders-dead", "while-down"), DeliveryTimeout, () => sidecar.Output);
        await app.StartAsync();
        await client.PublishEventAsync(PubSub, "orders", new { Id = 2 }, Id("after"));

        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal("after", Assert.Single(app.Received).Id);
    }

    [Fact]
    public async Task Without_a_dead_letter_topic_the_component_delivers_a_failed_event_again_after_its_back_off_until_it_gives_up()
    {
        using var resources = new PubSubResources();
        resources.WritePubSub(new Dictionary<string, string> { ["backOffDuration"] = "200ms", ["backOffMaxRetries"] = "2" });
        await using var app = new SubscriberApp(
            """[{"pubsubname":"pubsub","topic":"payments","route":"/payments"}]""",
            delivery => (delivery.Id, delivery.Attempt) switch
            {
                ("first", 1) => AppAnswer.ServerError,
                ("stubborn", _) => AppAnswer.Retry,
                _ => AppAnswer.Success,
            });
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        foreach (var id in new[] { "first", "stubborn", "after" })
        {
            await client.PublishEventAsync(PubSub, "payments", new { Id = id }, Id(id));
        }

        await Eventually.TrueAsync(() => app.Received.Any(delivery => delivery.Id == "after"), DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["first", "first", "stubborn", "stubborn", "stubborn", "after"], app.Received.Select(delivery => delivery.Id));
        AssertGapsAtLeast(app.Received.Where(delivery => delivery.Id == "stubborn").ToList(), TimeSpan.FromMilliseconds(180));
        Assert.Contains("Too many failed attempts at processing event stubborn", sidecar.Output, StringComparison.Ordinal);
        Assert.Contains("dapr_standin_pubsub_abandoned_total{app_id=\"finance\"} 1", await MetricsAsync(sidecar), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inbound_retry_policy_retries_first_then_the_event_goes_to_the_dead_letter_topic()
    {
        using var resources = new PubSubResources();
        resources.WriteInboundResiliency(new Dictionary<string, string> { ["policy"] = "constant", ["duration"] = "200ms", ["maxRetries"] = "2" });
        await using var app = new SubscriberApp(
            """[{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"}]""",
            delivery => (delivery.Id, delivery.Attempt) switch
            {
                ("stubborn", _) => AppAnswer.Retry,
                ("recovers", < 3) => AppAnswer.ServerError,
                _ => AppAnswer.Success,
            });
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { Id = 1 }, Id("stubborn"));
        await client.PublishEventAsync(PubSub, "orders", new { Id = 2 }, Id("recovers"));

        await Eventually.TrueAsync(() => app.Received.Count(delivery => delivery.Id == "recovers") == 3, DeliveryTimeout, () => sidecar.Output);
        // maxRetries 2: three attempts, 200 ms apart, then the dead-letter topic; the next event recovers within its retries.
        var stubborn = app.Received.Where(delivery => delivery.Id == "stubborn").ToList();
        Assert.Equal([1, 2, 3], stubborn.Select(delivery => delivery.Attempt));
        AssertGapsAtLeast(stubborn, TimeSpan.FromMilliseconds(180));
        Assert.True(resources.TopicHolds("orders-dead", "stubborn"), sidecar.Output);
        Assert.False(resources.TopicHolds("orders-dead", "recovers"), sidecar.Output);
    }

    [Fact]
    public async Task An_exponential_policy_starts_at_half_a_second_whatever_its_duration_and_its_timeout_cuts_each_attempt_short()
    {
        using var resources = new PubSubResources();
        resources.WriteInboundResiliency(
            new Dictionary<string, string> { ["policy"] = "exponential", ["duration"] = "10ms", ["maxInterval"] = "2s", ["maxRetries"] = "2" },
            timeout: "1s");
        await using var app = new SubscriberApp(
            """[{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"}]""",
            _ => AppAnswer.Success with { Delay = TimeSpan.FromSeconds(3) });
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { Id = 1 }, Id("slow"));

        await Eventually.TrueAsync(() => resources.TopicHolds("orders-dead", "slow"), DeliveryTimeout, () => sidecar.Output);
        Assert.Equal([1, 2, 3], app.Received.Select(delivery => delivery.Attempt));
        // Each attempt is cut at 1 s (the app would answer success after 3 s, so the dead letter shows the cut), then daprd
        // waits 500 ms ±50 % (kit's initialInterval; duration is for constant policies): at least 1.25 s between attempts,
        // where a 10 ms backoff would leave 1.01 s. The timeout is long enough for a loaded machine's app to see each attempt.
        AssertGapsAtLeast(app.Received, TimeSpan.FromMilliseconds(1150));
    }

    [Fact]
    public async Task A_policy_matching_http_status_codes_retries_those_only_and_dead_letters_the_others_at_once()
    {
        using var resources = new PubSubResources();
        resources.WriteInboundResiliency(new Dictionary<string, string>
        {
            ["policy"] = "constant", ["duration"] = "100ms", ["maxRetries"] = "5", ["matching"] = "{httpStatusCodes: \"503,429\"}",
        });
        await using var app = new SubscriberApp(
            """[{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"}]""",
            delivery => (delivery.Id, delivery.Attempt) switch
            {
                ("busy", < 3) => new AppAnswer(503, null),
                ("broken", _) => AppAnswer.ServerError,
                _ => AppAnswer.Success,
            });
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { Id = 1 }, Id("busy"));
        await client.PublishEventAsync(PubSub, "orders", new { Id = 2 }, Id("broken"));

        await Eventually.TrueAsync(() => resources.TopicHolds("orders-dead", "broken"), DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["busy", "busy", "busy", "broken"], app.Received.Select(delivery => delivery.Id));
        Assert.False(resources.TopicHolds("orders-dead", "busy"));
    }

    [Fact]
    public async Task An_event_no_route_matches_or_that_the_app_answers_404_goes_to_the_dead_letter_topic()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(
            """
            [{"pubsubname":"pubsub","topic":"claims","routes":{"rules":[{"match":"event.type == \"claim.filed\"","path":"/claims"}]},"deadLetterTopic":"claims-dead"},
             {"pubsubname":"pubsub","topic":"refunds","route":"/gone","deadLetterTopic":"refunds-dead"}]
            """,
            delivery => delivery.Path == "/gone" ? AppAnswer.NotFound : AppAnswer.Success);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "claims", new { Id = 1 }, new Dictionary<string, string> { ["cloudevent.id"] = "withdrawn-1", ["cloudevent.type"] = "claim.withdrawn" });
        await client.PublishEventAsync(PubSub, "claims", new { Id = 2 }, new Dictionary<string, string> { ["cloudevent.id"] = "filed-1", ["cloudevent.type"] = "claim.filed" });
        await client.PublishEventAsync(PubSub, "refunds", new { Id = 3 }, Id("lost"));

        await Eventually.TrueAsync(
            () => resources.TopicHolds("claims-dead", "withdrawn-1") && resources.TopicHolds("refunds-dead", "lost") && app.ReceivedOn("/claims").Count == 1,
            DeliveryTimeout,
            () => sidecar.Output);
        Assert.Equal("filed-1", Assert.Single(app.ReceivedOn("/claims")).Id);
        Assert.Equal("lost", Assert.Single(app.ReceivedOn("/gone")).Id);
        Assert.False(resources.TopicHolds("claims-dead", "filed-1"));
    }

    [Theory]
    [InlineData("{policy: constant}", "retry: missing", "spec.targets.components.pubsub.inbound.retry", "names retry policy 'missing'")]
    [InlineData("{policy: constant, duration: 5 seconds}", "retry: inbound", "spec.policies.retries.inbound.duration", "'5 seconds' is not a duration")]
    [InlineData("{policy: exponential, initialInterval: 1s}", "retry: inbound", "spec.policies.retries.inbound.initialInterval", "is not a field daprd reads here")]
    [InlineData("{policy: linear}", "retry: inbound", "spec.policies.retries.inbound.policy", "'linear' is not constant or exponential")]
    [InlineData("{policy: constant}", "circuitBreaker: breaker", "spec.targets.components.pubsub.inbound.circuitBreaker", "beyond the stand-in")]
    public async Task A_resiliency_daprd_would_not_apply_as_written_stops_the_stand_in_naming_the_file_line_and_field(string retry, string target, string field, string reason)
    {
        using var resources = new PubSubResources();
        resources.WriteComponent(PubSubResources.ResiliencyFileName, $"""
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: broken
            spec:
              policies:
                retries:
                  inbound: {retry}
                circuitBreakers:
                  breaker:
                    trip: consecutiveFailures > 3
              targets:
                components:
                  pubsub:
                    inbound:
                      {target}
            """);
        await using var sidecar = new StandInSidecar("finance", appPort: null, resources.Path);
        sidecar.Launch();

        await Eventually.TrueAsync(() => sidecar.ExitCode is not null && sidecar.Output.Contains(field, StringComparison.Ordinal), DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(1, sidecar.ExitCode);
        Assert.Contains($"{PubSubResources.ResiliencyFileName}:", sidecar.Output, StringComparison.Ordinal);
        Assert.Contains(reason, sidecar.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resiliency_after_another_document_of_its_file_which_daprd_never_reads_stops_the_stand_in()
    {
        using var resources = new PubSubResources();
        resources.WriteComponent("everything.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: tracing
            spec:
              tracing: {samplingRate: "1"}
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: second
            spec:
              policies:
                retries:
                  inbound: {policy: constant}
            """);
        await using var sidecar = new StandInSidecar("finance", appPort: null, resources.Path);
        sidecar.Launch();

        await Eventually.TrueAsync(() => sidecar.ExitCode is not null && sidecar.Output.Contains("everything.yaml:8: kind:", StringComparison.Ordinal), DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(1, sidecar.ExitCode);
        Assert.Contains("not the first document of its file", sidecar.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resiliency_scoped_to_other_apps_does_not_apply()
    {
        using var resources = new PubSubResources();
        resources.WriteComponent(PubSubResources.ResiliencyFileName, """
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: hr-only
            scopes: [hr]
            spec:
              policies:
                retries:
                  inbound: {policy: constant, duration: 50ms, maxRetries: -1}
              targets:
                components:
                  pubsub:
                    inbound: {retry: inbound}
            """);
        await using var app = new SubscriberApp(
            """[{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"}]""",
            _ => AppAnswer.Retry);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { Id = 1 }, Id("once"));

        await Eventually.TrueAsync(() => resources.TopicHolds("orders-dead", "once"), DeliveryTimeout, () => sidecar.Output);
        Assert.Single(app.Received);
    }

    private static Dictionary<string, string> Id(string id) => new() { ["cloudevent.id"] = id };

    private static void AssertGapsAtLeast(IReadOnlyList<ReceivedDelivery> deliveries, TimeSpan gap)
    {
        for (var i = 1; i < deliveries.Count; i++)
        {
            Assert.True(deliveries[i].At - deliveries[i - 1].At >= gap, $"attempt {i + 1} came {(deliveries[i].At - deliveries[i - 1].At).TotalMilliseconds} ms after the previous one");
        }
    }

    private static async Task<string> MetricsAsync(StandInSidecar sidecar)
    {
        using var client = new HttpClient();
        return await client.GetStringAsync($"http://127.0.0.1:{sidecar.MetricsPort}/metrics");
    }
}
