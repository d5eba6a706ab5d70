using DataMesh.Testing;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// daprd's app health check (dapr/dapr pkg/apphealth/health.go, pkg/runtime/runtime.go appHealthChanged): with
/// --enable-app-health-check, subscriptions run only while the app's health path answers 2xx.
/// </summary>
public sealed class AppHealthTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    // Three probes' worth of time at a 1 s interval: what an unhealthy app must go without deliveries.
    private static readonly TimeSpan Paused = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task With_the_app_health_check_delivery_waits_while_the_app_is_unhealthy_and_resumes_from_the_same_event()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"orders","route":"/orders","deadLetterTopic":"orders-dead"}]""")
        {
            Healthy = false,
        };
        await app.StartAsync();
        await using var sidecar = new StandInSidecar(
            "finance", app.Port, resources.Path,
            "--enable-app-health-check", "--app-health-check-path", "/healthz", "--app-health-probe-interval", "1",
            "--app-health-probe-timeout", "500", "--app-health-threshold", "1");
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        // An app is unhealthy until a probe says otherwise: nothing is delivered, nothing dead-lettered.
        await client.PublishEventAsync(PubSub, "orders", new { Id = 1 }, new Dictionary<string, string> { ["cloudevent.id"] = "early" });
        await Task.Delay(Paused);
        Assert.Empty(app.Received);

        app.Healthy = true;
        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);

        app.Healthy = false;
        await Eventually.TrueAsync(() => sidecar.Output.Contains("App entered un-healthy status", StringComparison.Ordinal), DeliveryTimeout, () => sidecar.Output);
        await client.PublishEventAsync(PubSub, "orders", new { Id = 2 }, new Dictionary<string, string> { ["cloudevent.id"] = "paused" });
        await Task.Delay(Paused);
        Assert.Single(app.Received);

        app.Healthy = true;
        await Eventually.TrueAsync(() => app.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal(["early", "paused"], app.Received.Select(delivery => delivery.Id));
        Assert.False(resources.TopicHolds("orders-dead", "early") || resources.TopicHolds("orders-dead", "paused"));
        // daprd's probe is a plain GET: it carries no app API token.
        Assert.True(app.HealthProbes.Probes >= 3, $"{app.HealthProbes.Probes} probes");
        Assert.Equal(0, app.HealthProbes.WithToken);
    }
}
