using DataMesh.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Hosting;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// The stand-in enforces what daprd enforces with the mesh's settings: it proves itself to its app with APP_API_TOKEN,
/// demands DAPR_API_TOKEN of its callers, and keeps each app to the topics the component's scopes give it.
/// </summary>
public sealed class StandInSecurityTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_app_api_token_goes_with_every_call_to_the_app()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"orders","route":"/orders"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        sidecar.EnvironmentVariables[MeshCredentials.AppApiTokenVariable] = "the-app-token";
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { OrderId = 1 });

        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal("the-app-token", app.Received[0].Header(MeshHeaders.DaprApiToken));
        Assert.NotEmpty(app.SubscribeTokens);
        Assert.All(app.SubscribeTokens, token => Assert.Equal("the-app-token", token));
    }

    [Fact]
    public async Task With_a_dapr_api_token_the_http_api_refuses_calls_without_it_but_health()
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar("finance", appPort: null, resources.Path);
        sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable] = "the-api-token";
        // Health answers without the token (the orchestrator probes it so), which is how StartAsync waits.
        await sidecar.StartAsync();

        foreach (var token in new[] { null, "not-the-token" })
        {
            using var publish = await PublishOverHttpAsync(sidecar, "orders", token);
            Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
            Assert.Equal("text/plain", publish.Content.Headers.ContentType?.MediaType);
            Assert.Equal("invalid api token\n", await publish.Content.ReadAsStringAsync());
        }

        using var metadata = await sidecar.Http.GetAsync("v1.0/metadata");
        Assert.Equal(HttpStatusCode.Unauthorized, metadata.StatusCode);
        using var outbound = await sidecar.Http.GetAsync("v1.0/healthz/outbound");
        Assert.Equal(HttpStatusCode.NoContent, outbound.StatusCode);
        using var accepted = await PublishOverHttpAsync(sidecar, "orders", "the-api-token");
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.True(resources.TopicHolds("orders", "finance"));
    }

    [Fact]
    public async Task With_a_dapr_api_token_the_grpc_api_refuses_calls_without_it_as_daprd_does()
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar("finance", appPort: null, resources.Path);
        sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable] = "the-api-token";
        await sidecar.StartAsync();

        foreach (var (token, detail) in new[] { ((string?)null, "missing api token in request metadata"), ("not-the-token", "authentication error: api token mismatch") })
        {
            var builder = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint).UseHttpEndpoint(sidecar.HttpEndpoint);
            using var client = (token is null ? builder : builder.UseDaprApiToken(token)).Build();
            var refused = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync(PubSub, "orders", new { OrderId = 1 }));
            var status = Assert.IsType<RpcException>(refused.InnerException);
            Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
            Assert.Equal("Unauthorized", status.Status.Detail);
            // daprd's ErrorInfo (reason, domain dapr.io, http.code 401, the detail) travels in the status details.
            var details = Encoding.UTF8.GetString(status.Trailers.GetValueBytes("grpc-status-details-bin")!);
            Assert.Contains(detail, details, StringComparison.Ordinal);
            Assert.Contains("dapr.io", details, StringComparison.Ordinal);
        }

        using var authorized = sidecar.CreateDaprClient();
        await authorized.PublishEventAsync(PubSub, "orders", new { OrderId = 2 });
        Assert.True(resources.TopicHolds("orders", "finance"));
    }

    [Fact]
    public async Task A_publish_outside_the_apps_publishing_scope_is_refused_over_grpc_and_http()
    {
        using var resources = new PubSubResources();
        await using var sidecar = await StartPublisherAsync(resources, "finance", publishing: "finance=budgets;hr=employees", subscribing: "finance=;hr=");

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "budgets", new { Amount = 1 });
        await AssertForbiddenAsync(client, "employees", "finance");
        await AssertForbiddenAsync(client, "unlisted", "finance");

        using var overHttp = await PublishOverHttpAsync(sidecar, "employees", token: null);
        Assert.Equal(HttpStatusCode.Forbidden, overHttp.StatusCode);
        var error = JsonNode.Parse(await overHttp.Content.ReadAsStringAsync())!;
        Assert.Equal("ERR_PUBSUB_FORBIDDEN", (string?)error["errorCode"]);
        Assert.Equal("topic employees is not allowed for app id finance", (string?)error["message"]);

        Assert.True(resources.TopicHolds("budgets", "finance"));
        Assert.False(resources.TopicHolds("employees", "forged"));
    }

    [Fact]
    public async Task An_app_the_scopes_do_not_name_may_not_touch_a_protected_topic()
    {
        using var resources = new PubSubResources();
        await using var sidecar = await StartPublisherAsync(resources, "intruder", publishing: "hr=employees", subscribing: "hr=");

        using var client = sidecar.CreateDaprClient();
        await AssertForbiddenAsync(client, "employees", "intruder");
    }

    [Fact]
    public async Task A_subscription_outside_the_apps_subscription_scope_gets_nothing()
    {
        using var resources = new PubSubResources();
        resources.WritePubSub(Scopes(publishing: "finance=budgets,salaries;hr=", subscribing: "finance=;hr=budgets"));
        await using var app = new SubscriberApp("""
            [{"pubsubname":"pubsub","topic":"salaries","route":"/salaries"},
             {"pubsubname":"pubsub","topic":"budgets","route":"/budgets"}]
            """);
        await app.StartAsync();
        await using var subscriber = new StandInSidecar("hr", app.Port, resources.Path);
        await subscriber.StartAsync();
        await using var publisher = new StandInSidecar("finance", appPort: null, resources.Path);
        await publisher.StartAsync();

        using var client = publisher.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "salaries", new { Amount = 1 });
        await client.PublishEventAsync(PubSub, "budgets", new { Amount = 2 });

        await Eventually.TrueAsync(() => app.ReceivedOn("/budgets").Count == 1, DeliveryTimeout, () => subscriber.Output);
        // Topics are consumed side by side: give the refused one time to show, were it delivered.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(app.ReceivedOn("/salaries"));
        Assert.Contains("subscription to topic 'salaries' on pubsub 'pubsub' is not allowed", subscriber.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_letter_outside_the_subscribers_publishing_scope_is_not_sent_and_the_event_comes_again()
    {
        using var resources = new PubSubResources();
        resources.WritePubSub(Scopes(publishing: "finance=invoices;hr=", subscribing: "finance=;hr=invoices"));
        await using var app = new SubscriberApp(
            """[{"pubsubname":"pubsub","topic":"invoices","route":"/invoices","deadLetterTopic":"invoices-dead"}]""",
            delivery => delivery.Attempt < 3 ? AppAnswer.Drop : AppAnswer.Success);
        await app.StartAsync();
        await using var subscriber = new StandInSidecar("hr", app.Port, resources.Path);
        await subscriber.StartAsync();
        await using var publisher = new StandInSidecar("finance", appPort: null, resources.Path);
        await publisher.StartAsync();

        using var client = publisher.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "invoices", new { Number = 1 }, new Dictionary<string, string> { ["cloudevent.id"] = "invoice-1" });

        await Eventually.TrueAsync(() => app.Received.Count == 3, DeliveryTimeout, () => subscriber.Output);
        Assert.Equal([1, 2, 3], app.Received.Select(delivery => delivery.Attempt));
        Assert.False(resources.TopicHolds("invoices-dead", "invoice-1"));
        Assert.Contains("topic invoices-dead is not allowed for app id hr", subscriber.Output, StringComparison.Ordinal);
    }

    /// <summary>A sidecar that only publishes, on a pub/sub with these scopes.</summary>
    private static async Task<StandInSidecar> StartPublisherAsync(PubSubResources resources, string appId, string publishing, string subscribing)
    {
        resources.WritePubSub(Scopes(publishing, subscribing));
        var sidecar = new StandInSidecar(appId, appPort: null, resources.Path);
        await sidecar.StartAsync();
        return sidecar;
    }

    private static async Task AssertForbiddenAsync(DaprClient client, string topic, string appId)
    {
        var refused = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync(PubSub, topic, new { Name = "forged" }));
        var status = Assert.IsType<RpcException>(refused.InnerException);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Equal($"topic {topic} is not allowed for app id {appId}", status.Status.Detail);
    }

    /// <summary>The component's scopes as the AppHost writes them, every named topic allowed and protected.</summary>
    private static Dictionary<string, string> Scopes(string publishing, string subscribing)
    {
        var topics = string.Join(',', $"{publishing};{subscribing}".Split(';').SelectMany(app => app.Split('=')[1].Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct());
        return new()
        {
            ["publishingScopes"] = publishing,
            ["subscriptionScopes"] = subscribing,
            ["allowedTopics"] = topics + ",unlisted-but-allowed",
            ["protectedTopics"] = topics,
        };
    }

    private static Task<HttpResponseMessage> PublishOverHttpAsync(StandInSidecar sidecar, string topic, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v1.0/publish/{PubSub}/{topic}")
        {
            Content = new StringContent("""{"name":"forged"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (token is not null)
        {
            request.Headers.Add(MeshHeaders.DaprApiToken, token);
        }

        return sidecar.Http.SendAsync(request);
    }
}
