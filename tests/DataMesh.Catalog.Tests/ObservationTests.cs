using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog as a Dapr subscriber through streaming subscriptions, against the daprd stand-in run as a process (its
/// <c>SubscribeTopicEventsAlpha1</c> stream, its API token, its topics): events published on a registered product's topic
/// and on its consumers' dead-letter topics move the observed promises, for products registered after the catalog started
/// too, and with a sidecar that starts after the catalog or restarts under it.
/// </summary>
public sealed class ObservationTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly PubSubResources resources = new();
    private StandInSidecar sidecar = null!;
    private CatalogHost catalog = null!;

    public async Task InitializeAsync()
    {
        // The catalog's sidecar as the AppHost runs it: both Dapr tokens set, so a stream without the catalog's token is refused.
        sidecar = new StandInSidecar(Catalog.CatalogServiceExtensions.Name, appPort: null, resources.Path);
        sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable] = $"dapr-token-{Guid.NewGuid():N}";
        catalog = await CatalogHost.StartAsync(postgres, settings: new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint,
            [MeshCredentials.DaprApiTokenVariable] = sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable],
        });
    }

    public async Task DisposeAsync()
    {
        await catalog.DisposeAsync();
        await sidecar.DisposeAsync();
        resources.Dispose();
    }

    [Fact]
    public async Task Events_on_registered_topics_set_the_last_event_time_and_rate_each_id_once_and_freshness_is_judged_against_the_promise()
    {
        await sidecar.StartAsync();
        await catalog.RegisterAsync(Definitions.Hr());
        await catalog.RegisterAsync(Definitions.Finance());

        var first = Hired("e1", DateTimeOffset.UtcNow.AddMinutes(-2));
        await PublishAsync("hr.employees.v1", first);
        await PublishAsync("hr.employees.v1", first);
        await PublishAsync("hr.employees.v1", Hired("e2", DateTimeOffset.UtcNow.AddMinutes(-1)));
        await PublishAsync("finance.payroll.v1", Event("p1", "finance.payroll", "finance.payroll.costs", "PayrollCostBooked", DateTimeOffset.UtcNow, new JsonObject()));

        await EventsLastHourAsync("finance.payroll", 1);
        var employees = await EventsLastHourAsync("hr.employees", 2);
        // hr.employees promises freshness within 5 s: a minute-old newest event breaks it; payroll promises 1 d.
        Assert.True(employees.GetProperty("lastEventAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1.5));
        Assert.False(employees.GetProperty("freshnessKept").GetBoolean());
        Assert.True(employees.GetProperty("breached").GetBoolean());
        Assert.True((await ObservedAsync("finance.payroll")).GetProperty("freshnessKept").GetBoolean());
        var list = await catalog.CreateClient().SendOkAsync(HttpMethod.Get, "products");
        Assert.Equal(["hr.employees"], list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("observed").GetProperty("breached").GetBoolean()).Select(i => i.GetProperty("id").GetString()));
        var listed = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "hr.employees").GetProperty("observed");
        Assert.Equal(2, listed.GetProperty("eventsLastHour").GetInt64());
    }

    [Fact]
    public async Task A_product_registered_after_the_catalog_and_its_sidecar_started_is_observed_without_a_restart()
    {
        await sidecar.StartAsync();
        await catalog.RegisterAsync(Definitions.Hr());
        await PublishAsync("hr.employees.v1", Hired("before", DateTimeOffset.UtcNow));
        await EventsLastHourAsync("hr.employees", 1);

        await catalog.RegisterAsync(Definitions.Finance());
        await PublishAsync("finance.payroll.v1", Event("p1", "finance.payroll", "finance.payroll.costs", "PayrollCostBooked", DateTimeOffset.UtcNow, new JsonObject()));

        await EventsLastHourAsync("finance.payroll", 1);
    }

    [Fact]
    public async Task Streams_open_once_the_sidecar_is_up_and_reopen_when_it_restarts()
    {
        await catalog.RegisterAsync(Definitions.Hr());
        await Task.Delay(TimeSpan.FromSeconds(1)); // the catalog tries, and fails, to open its stream before the sidecar is up

        await sidecar.StartAsync();
        await PublishAsync("hr.employees.v1", Hired("first", DateTimeOffset.UtcNow));
        await EventsLastHourAsync("hr.employees", 1);

        await sidecar.StopAsync();
        await sidecar.StartAsync();
        await PublishAsync("hr.employees.v1", Hired("after-restart", DateTimeOffset.UtcNow));
        await EventsLastHourAsync("hr.employees", 2);
    }

    [Fact]
    public async Task An_event_whose_data_is_not_json_is_dropped_and_the_topic_moves_on()
    {
        await sidecar.StartAsync();
        await catalog.RegisterAsync(Definitions.Hr());
        var broken = Hired("not-json", DateTimeOffset.UtcNow);
        broken.Remove("data");
        broken["data_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("{not json"));

        await PublishAsync("hr.employees.v1", broken);
        await PublishAsync("hr.employees.v1", Hired("next", DateTimeOffset.UtcNow));

        // A RETRY would hold the topic on the broken event; a DROP lets the next one through, and only that one is counted.
        await EventsLastHourAsync("hr.employees", 1);
        Assert.Equal(["next"], await catalog.QueryAsync(db => db.ObservedEvents.Select(e => e.EventId).ToListAsync()));
    }

    [Fact]
    public async Task A_dead_lettered_event_is_kept_once_with_the_contract_violation_as_reason()
    {
        await sidecar.StartAsync();
        await catalog.RegisterAsync(Definitions.Hr());
        await catalog.RegisterAsync(Definitions.Finance());
        var broken = Hired("bad-1", DateTimeOffset.UtcNow);
        broken["data"]!.AsObject().Remove("email");
        var newer = Hired("major-2", DateTimeOffset.UtcNow);
        newer["contractversion"] = "2.0.0";

        await PublishAsync("hr.employees.v1.finance.payroll.deadletter", broken);
        await PublishAsync("hr.employees.v1.finance.payroll.deadletter", broken);
        await PublishAsync("hr.employees.v1.finance.payroll.deadletter", newer);

        JsonElement facts = default;
        await Eventually.TrueAsync(
            async () =>
            {
                facts = await catalog.CreateClient().SendOkAsync(HttpMethod.Get, "products/hr.employees");
                // One answer reads the count, then the list: wait until both have seen the second dead letter.
                return facts.GetProperty("recentDeadLetters").GetArrayLength() == 2 && facts.GetProperty("observed").GetProperty("deadLettered").GetInt64() == 2;
            },
            Patience,
            () => $"The catalog keeps {facts.GetProperty("recentDeadLetters").GetArrayLength()} dead letters, not 2.{Environment.NewLine}{sidecar.Output}");
        Assert.Equal(2, facts.GetProperty("observed").GetProperty("deadLettered").GetInt64());
        var deadLetter = facts.GetProperty("recentDeadLetters").EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == "bad-1");
        Assert.Equal(("finance.payroll", "EmployeeHired"), (deadLetter.GetProperty("consumerId").GetString(), deadLetter.GetProperty("eventType").GetString()));
        Assert.Contains("email", deadLetter.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var major = facts.GetProperty("recentDeadLetters").EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == "major-2");
        Assert.Equal("contract hr.employees.events 2.0.0 has major version 2; the consumer reads major version 1 (1.0.0)", major.GetProperty("reason").GetString());
    }

    /// <summary>Publishes through the sidecar's gRPC API as a producer's relay does: the CloudEvent as it is, with its id.</summary>
    private async Task PublishAsync(string topic, JsonObject cloudEvent)
    {
        using var dapr = sidecar.CreateDaprClient();
        await dapr.PublishByteEventAsync(DataProductsOptions.MeshPubSubName, topic, Encoding.UTF8.GetBytes(cloudEvent.ToJsonString()), "application/cloudevents+json");
    }

    private async Task<JsonElement> ObservedAsync(string product) =>
        (await catalog.CreateClient().SendOkAsync(HttpMethod.Get, $"products/{product}")).GetProperty("observed");

    /// <summary>Waits until the product's last-hour count is <paramref name="expected"/>, and returns its observations.</summary>
    private async Task<JsonElement> EventsLastHourAsync(string product, long expected)
    {
        JsonElement observed = default;
        await Eventually.TrueAsync(
            async () =>
            {
                observed = await ObservedAsync(product);
                return observed.GetProperty("eventsLastHour").GetInt64() == expected;
            },
            Patience,
            () => $"{product} has {observed} after {Patience}, not {expected} events in the last hour.{Environment.NewLine}{sidecar.Output}");
        return observed;
    }

    private static JsonObject Hired(string id, DateTimeOffset time) => Event(id, "hr.employees", "hr.employees.events", "EmployeeHired", time, new JsonObject
    {
        ["employeeId"] = "3f1c2a4e-8d7b-4c1e-9a52-6b0d4e7f1a23", ["name"] = "Ada Lovelace", ["email"] = "ada@example.com", ["birthDate"] = "1815-12-10",
        ["salary"] = 5400.5, ["currency"] = "EUR", ["hiredOn"] = "2024-03-01",
    });

    /// <summary>A CloudEvent 1.0 as the relay publishes it (structured JSON).</summary>
    private static JsonObject Event(string id, string product, string contract, string type, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = $"/dataproducts/{product}", ["type"] = type, ["time"] = time.ToString("O"),
        ["datacontenttype"] = "application/json", ["dataproduct"] = product, ["contractid"] = contract, ["contractversion"] = "1.0.0",
        ["data"] = data,
    };
}
