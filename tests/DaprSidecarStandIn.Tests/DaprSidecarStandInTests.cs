using DataMesh.Testing;
using System.Net;
using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// The stand-in as the AppHost runs it: the built executable with daprd's flags, a real subscriber app,
/// the real Dapr .NET SDK publishing over gRPC.
/// </summary>
public sealed class DaprSidecarStandInTests
{
    private const string PubSub = PubSubResources.PubSubName;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DaprClientPublish_IsDeliveredAsCloudEvent_WithPartitionKeyAndCustomIdKept()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"orders","route":"/orders"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "orders", new { OrderId = 7, Amount = 12.5 }, new Dictionary<string, string>
        {
            ["partitionKey"] = "order-7",
            ["cloudevent.id"] = "custom-id-7",
            ["cloudevent.tenant"] = "north",
        });

        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);
        var delivery = app.Received[0];
        Assert.Equal("/orders", delivery.Path);
        Assert.Equal("application/cloudevents+json", delivery.ContentType?.Split(';')[0]);
        Assert.Equal("custom-id-7", delivery.Id);
        Assert.Equal("finance", delivery.Body["source"]?.GetValue<string>());
        Assert.Equal("com.dapr.event.sent", delivery.Body["type"]?.GetValue<string>());
        Assert.Equal("1.0", delivery.Body["specversion"]?.GetValue<string>());
        Assert.Equal("application/json", delivery.Body["datacontenttype"]?.GetValue<string>());
        Assert.Equal("orders", delivery.Body["topic"]?.GetValue<string>());
        Assert.Equal(PubSub, delivery.Body["pubsubname"]?.GetValue<string>());
        // daprd maps only id, source, type, subject and the trace attributes from cloudevent.* metadata.
        Assert.False(delivery.Body.ContainsKey("tenant"));
        Assert.Equal(7, delivery.Body["data"]?["orderId"]?.GetValue<int>());
        Assert.Equal("order-7", delivery.Header("__key"));
        Assert.Equal(PubSub, delivery.Header("pubsubname"));
    }

    [Fact]
    public async Task DaprClientBulkPublish_DeliversThousandsOfEntriesInOrder()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"ledger","route":"ledger"}]""", _ => AppAnswer.EmptyOk);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        const int count = 2000;
        foreach (var chunk in Enumerable.Range(1, count).Chunk(500))
        {
            var response = await client.BulkPublishEventAsync(PubSub, "ledger", chunk.Select(sequence => new { Sequence = sequence }).ToList());
            Assert.Empty(response.FailedEntries);
        }

        await Eventually.TrueAsync(() => app.Received.Count == count, DeliveryTimeout, () => $"{app.Received.Count} received{Environment.NewLine}{sidecar.Output}");
        Assert.Equal(Enumerable.Range(1, count), app.Received.Select(delivery => delivery.Body["data"]!["sequence"]!.GetValue<int>()));
    }

    [Fact]
    public async Task CloudEventPublishedOverHttp_KeepsItsId_CarriesTraceparent_AndFollowsTypeRules()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""
            [{"pubsubname":"pubsub","topic":"employees",
              "routes":{"rules":[{"match":"event.type == \"employee.hired\"","path":"/hired"},
                                 {"match":"event.data.level > 3","path":"/senior"}],
                        "default":"/employees"}}]
            """);
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("hr", app.Port, resources.Path);
        await sidecar.StartAsync();

        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await HttpPublisher.PublishAsync(sidecar, "employees", """{"specversion":"1.0","id":"hire-1","source":"hr-system","type":"employee.hired","datacontenttype":"application/json","data":{"name":"Ada","level":5}}""", "application/cloudevents+json", traceparent);
        await HttpPublisher.PublishAsync(sidecar, "employees", """{"name":"Grace","level":5}""", "application/json", traceparent: null);

        await Eventually.TrueAsync(() => app.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);
        var hired = Assert.Single(app.ReceivedOn("/hired"));
        Assert.Equal("hire-1", hired.Id);
        Assert.Equal("hr-system", hired.Body["source"]?.GetValue<string>());
        Assert.Equal("Ada", hired.Body["data"]?["name"]?.GetValue<string>());
        Assert.Equal(traceparent, hired.Body["traceparent"]?.GetValue<string>());
        Assert.Equal(traceparent, hired.Header("traceparent"));
        // The CEL rule on data is beyond the stand-in, so that event takes the default route.
        var other = Assert.Single(app.ReceivedOn("/employees"));
        Assert.Equal("hr", other.Body["source"]?.GetValue<string>());
        Assert.Equal("Grace", other.Body["data"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task CloudEventCarryingTraceid_KeepsItsTrace_OneWithout_TakesThePublishCalls()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"employees","route":"/employees"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("hr", app.Port, resources.Path);
        await sidecar.StartAsync();

        const string origin = "00-11111111111111111111111111111111-2222222222222222-01";
        const string call = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await HttpPublisher.PublishAsync(sidecar, "employees", $$"""{"specversion":"1.0","id":"kept","source":"hr","type":"hired","traceid":"{{origin}}","traceparent":"{{origin}}","data":1}""", "application/cloudevents+json", call);
        await HttpPublisher.PublishAsync(sidecar, "employees", $$"""{"specversion":"1.0","id":"replaced","source":"hr","type":"hired","traceparent":"{{origin}}","data":1}""", "application/cloudevents+json", call);

        await Eventually.TrueAsync(() => app.Received.Count == 2, DeliveryTimeout, () => sidecar.Output);
        var kept = app.Received.Single(delivery => delivery.Id == "kept");
        Assert.Equal((origin, origin), (kept.Body["traceparent"]?.GetValue<string>(), kept.Header("traceparent")));
        var replaced = app.Received.Single(delivery => delivery.Id == "replaced");
        Assert.Equal((call, call), (replaced.Body["traceparent"]?.GetValue<string>(), replaced.Header("traceparent")));
    }

    [Fact]
    public async Task A_deliverys_traceparent_is_the_events_or_its_traceid_a_new_trace_when_it_does_not_parse_and_no_tracestate_goes_with_it()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"employees","route":"/employees"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("hr", app.Port, resources.Path);
        await sidecar.StartAsync();

        const string parent = "00-11111111111111111111111111111111-2222222222222222-01";
        const string traceid = "00-33333333333333333333333333333333-4444444444444444-01";
        await HttpPublisher.PublishAsync(sidecar, "employees", $$"""{"specversion":"1.0","id":"both","source":"hr","type":"hired","traceid":"{{traceid}}","traceparent":"{{parent}}","tracestate":"mesh=1","data":1}""", "application/cloudevents+json", null);
        await HttpPublisher.PublishAsync(sidecar, "employees", $$"""{"specversion":"1.0","id":"traceid-only","source":"hr","type":"hired","traceid":"{{traceid}}","data":1}""", "application/cloudevents+json", null);
        await HttpPublisher.PublishAsync(sidecar, "employees", """{"specversion":"1.0","id":"garbled","source":"hr","type":"hired","traceid":"not-a-trace","data":1}""", "application/cloudevents+json", null);
        await HttpPublisher.PublishAsync(sidecar, "employees", """{"specversion":"1.0","id":"number","source":"hr","type":"hired","traceid":42,"data":1}""", "application/cloudevents+json", null);

        await Eventually.TrueAsync(() => app.Received.Count == 4, DeliveryTimeout, () => sidecar.Output);
        ReceivedDelivery Delivered(string id) => app.Received.Single(delivery => delivery.Id == id);
        Assert.Equal(parent, Delivered("both").Header("traceparent"));
        Assert.Equal(traceid, Delivered("traceid-only").Header("traceparent"));
        var started = Delivered("garbled").Header("traceparent");
        Assert.True(System.Diagnostics.ActivityContext.TryParse(started, null, out _), $"not a W3C traceparent: {started}");
        Assert.Null(Delivered("number").Header("traceparent"));
        Assert.All(app.Received, delivery => Assert.Null(delivery.Header("tracestate")));
    }

    [Fact]
    public async Task Drop_GoesToDeadLetterTopic_AndA404WithoutDeadLetterTopic_IsDropped()
    {
        using var resources = new PubSubResources();
        await using var app = new SubscriberApp(
            """
            [{"pubsubname":"pubsub","topic":"invoices","route":"/invoices","deadLetterTopic":"invoices-dead"},
             {"pubsubname":"pubsub","topic":"invoices-dead","route":"/invoices-dead"},
             {"pubsubname":"pubsub","topic":"refunds","route":"/gone"}]
            """,
            delivery => delivery.Path switch
            {
                "/invoices" when delivery.Id == "poison" => AppAnswer.Drop,
                "/gone" when delivery.Id == "lost" => AppAnswer.NotFound,
                _ => AppAnswer.Success,
            });
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("finance", app.Port, resources.Path);
        await sidecar.StartAsync();

        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "invoices", new { Number = 1 }, new Dictionary<string, string> { ["cloudevent.id"] = "poison" });
        await client.PublishEventAsync(PubSub, "invoices", new { Number = 2 }, new Dictionary<string, string> { ["cloudevent.id"] = "fine" });
        await client.PublishEventAsync(PubSub, "refunds", new { Number = 3 }, new Dictionary<string, string> { ["cloudevent.id"] = "lost" });
        await client.PublishEventAsync(PubSub, "refunds", new { Number = 4 }, new Dictionary<string, string> { ["cloudevent.id"] = "after-lost" });

        await Eventually.TrueAsync(
            () => app.ReceivedOn("/invoices-dead").Count == 1 && app.ReceivedOn("/invoices").Count == 2 && app.ReceivedOn("/gone").Count == 2,
            DeliveryTimeout,
            () => sidecar.Output);
        var deadLetter = app.ReceivedOn("/invoices-dead")[0];
        Assert.Equal("poison", deadLetter.Id);
        Assert.Equal(1, deadLetter.Body["data"]?["number"]?.GetValue<int>());
        Assert.Equal(["poison", "fine"], app.ReceivedOn("/invoices").Select(delivery => delivery.Id));
        // A dropped event is settled: neither is delivered again.
        Assert.Equal(["lost", "after-lost"], app.ReceivedOn("/gone").Select(delivery => delivery.Id));
        Assert.All(app.Received, delivery => Assert.Equal(1, delivery.Attempt));
    }

    [Fact]
    public async Task EventsPublishedWhileTheAppIsDown_AreDeliveredWhenItIsBack_WithoutADeadLetterTopic()
    {
        using var resources = new PubSubResources();
        // The Kafka component delivers a failed event again after its back-off (5 s unless set).
        resources.WritePubSub(new Dictionary<string, string> { ["backOffDuration"] = "200ms" });
        await using var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"timesheets","route":"/timesheets"}]""");
        await app.StartAsync();
        await using var sidecar = new StandInSidecar("hr", app.Port, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();
        await client.PublishEventAsync(PubSub, "timesheets", new { Week = 1 });
        await Eventually.TrueAsync(() => app.Received.Count == 1, DeliveryTimeout, () => sidecar.Output);

        await app.StopAsync();
        foreach (var week in new[] { 2, 3, 4 })
        {
            await client.PublishEventAsync(PubSub, "timesheets", new { Week = week }, new Dictionary<string, string> { ["partitionKey"] = "employee-9" });
        }

        await Eventually.TrueAsync(() => sidecar.Output.Contains("the component's back-off", StringComparison.Ordinal), DeliveryTimeout, () => sidecar.Output);
        Assert.Single(app.Received);
        await app.StartAsync();

        await Eventually.TrueAsync(() => app.Received.Count == 4, DeliveryTimeout, () => sidecar.Output);
        Assert.Equal([1, 2, 3, 4], app.Received.Select(delivery => delivery.Body["data"]!["week"]!.GetValue<int>()));
    }

    [Fact]
    public async Task TwoStandInsSharingOneResourcesPath_OnePublishes_TheOtherDelivers()
    {
        using var resources = new PubSubResources();
        await using var hrApp = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"payroll","route":"/payroll"}]""");
        await hrApp.StartAsync();
        await using var financeSidecar = new StandInSidecar("finance", appPort: null, resources.Path, "--log-level", "debug", "--placement-host-address", "localhost:50005");
        financeSidecar.Launch();
        await using var hrSidecar = new StandInSidecar("hr", hrApp.Port, resources.Path, "--config", "/nonexistent/config.yaml", "--enable-api-logging");
        hrSidecar.Launch();
        await financeSidecar.WaitUntilHealthyAsync();
        await hrSidecar.WaitUntilHealthyAsync();

        using var client = financeSidecar.CreateDaprClient();
        for (var run = 1; run <= 20; run++)
        {
            await client.PublishEventAsync(PubSub, "payroll", new { Run = run }, new Dictionary<string, string> { ["partitionKey"] = "payroll" });
        }

        await Eventually.TrueAsync(() => hrApp.Received.Count == 20, DeliveryTimeout, () => $"{financeSidecar.Output}{Environment.NewLine}{hrSidecar.Output}");
        Assert.Equal(Enumerable.Range(1, 20), hrApp.Received.Select(delivery => delivery.Body["data"]!["run"]!.GetValue<int>()));
        Assert.All(hrApp.Received, delivery => Assert.Equal("finance", delivery.Body["source"]?.GetValue<string>()));
        Assert.True(Directory.Exists(Path.Combine(resources.Path, ".standin-broker", PubSub, "payroll")));
    }

    [Fact]
    public async Task Healthz_Is500UntilTheAppChannelIsReady_Then204_AndSigtermExitsCleanly()
    {
        using var resources = new PubSubResources();
        var app = new SubscriberApp("""[{"pubsubname":"pubsub","topic":"audit","route":"/audit","deadLetterTopic":"audit-dead"}]""");
        await using (app)
        {
            await using var sidecar = new StandInSidecar("audit", app.Port, resources.Path);
        sidecar.Launch();
            await Eventually.TrueAsync(async () => await sidecar.HealthAsync() is not null, DeliveryTimeout, () => sidecar.Output);
            Assert.Equal(HttpStatusCode.InternalServerError, await sidecar.HealthAsync());
            using (var outbound = await sidecar.Http.GetAsync("v1.0/healthz/outbound"))
            {
                Assert.Equal(HttpStatusCode.NoContent, outbound.StatusCode);
            }

            await app.StartAsync();
            await sidecar.WaitUntilHealthyAsync();

            var metadata = await sidecar.Http.GetStringAsync("v1.0/metadata");
            Assert.Contains("\"id\":\"audit\"", metadata, StringComparison.Ordinal);
            Assert.Contains("\"topic\":\"audit\"", metadata, StringComparison.Ordinal);
            Assert.Contains("\"deadLetterTopic\":\"audit-dead\"", metadata, StringComparison.Ordinal);
            using var metricsClient = new HttpClient();
            var metrics = await metricsClient.GetStringAsync($"http://127.0.0.1:{sidecar.MetricsPort}/metrics");
            Assert.Contains("dapr_standin_pubsub_published_total{app_id=\"audit\"} 0", metrics, StringComparison.Ordinal);
            Assert.Contains("dapr_standin_pubsub_delivered_total", metrics, StringComparison.Ordinal);

            await sidecar.StopAsync();
            Assert.Equal(0, sidecar.ExitCode);
        }
    }

    [Fact]
    public async Task UnknownPubSub_IsRefused_AndUnimplementedRuntimeApi_AnswersUnimplemented()
    {
        using var resources = new PubSubResources();
        resources.WriteComponent("statestore.yml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.in-memory
              version: v1
            """);
        await using var sidecar = new StandInSidecar("finance", appPort: null, resources.Path);
        await sidecar.StartAsync();
        using var client = sidecar.CreateDaprClient();

        var refused = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("no-such-pubsub", "orders", new { OrderId = 1 }));
        var rpc = Assert.IsType<RpcException>(refused.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Contains("no-such-pubsub", rpc.Status.Detail, StringComparison.Ordinal);

        using var httpRefused = await sidecar.Http.PostAsync("v1.0/publish/no-such-pubsub/orders", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, httpRefused.StatusCode);
        Assert.Contains("ERR_PUBSUB_NOT_FOUND", await httpRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stateStore = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("statestore", "key"));
        Assert.Equal(StatusCode.Unimplemented, Assert.IsType<RpcException>(stateStore.InnerException).StatusCode);
    }
}
