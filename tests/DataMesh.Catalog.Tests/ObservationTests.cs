using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog as a Dapr subscriber: its subscriptions come from the registry, and CloudEvents delivered over
/// HTTP as the sidecar delivers them move the observed promises.
/// </summary>
public sealed class ObservationTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
    }

    [Fact]
    public async Task Subscribes_to_every_registered_output_topic_and_each_consumer_dead_letter_topic()
    {
        var subscriptions = await Catalog.SidecarClient().GetFromJsonAsync<JsonElement>("/dapr/subscribe");

        Assert.Equal(
            [
                ("finance.payroll.v1", "/api/catalog/v1/observations/events/finance.payroll"),
                ("hr.employees.v1", "/api/catalog/v1/observations/events/hr.employees"),
                ("hr.employees.v1.finance.payroll.deadletter", "/api/catalog/v1/observations/dead-letters/hr.employees/finance.payroll"),
            ],
            subscriptions.EnumerateArray().Select(s => (s.GetProperty("topic").GetString(), s.GetProperty("route").GetString())));
        Assert.All(subscriptions.EnumerateArray(), s => Assert.Equal("pubsub", s.GetProperty("pubsubname").GetString()));
    }

    [Fact]
    public async Task Events_set_the_last_event_time_and_rate_and_freshness_is_judged_against_the_promise()
    {
        await Deliver("/api/catalog/v1/observations/events/hr.employees", Hired("e1", DateTimeOffset.UtcNow.AddMinutes(-2)));
        await Deliver("/api/catalog/v1/observations/events/hr.employees", Hired("e2", DateTimeOffset.UtcNow.AddMinutes(-1)));
        await Deliver("/api/catalog/v1/observations/events/finance.payroll", Event("p1", "finance.payroll", "finance.payroll.costs", "PayrollCostBooked", DateTimeOffset.UtcNow, new JsonObject()));

        var employees = (await Http.SendOkAsync(HttpMethod.Get, "products/hr.employees")).GetProperty("observed");
        var payroll = (await Http.SendOkAsync(HttpMethod.Get, "products/finance.payroll")).GetProperty("observed");

        // hr.employees promises freshness within 5 s: a minute-old newest event breaks it; payroll promises 1 d.
        Assert.Equal(2, employees.GetProperty("eventsLastHour").GetInt64());
        Assert.True(employees.GetProperty("lastEventAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1.5));
        Assert.False(employees.GetProperty("freshnessKept").GetBoolean());
        Assert.True(employees.GetProperty("breached").GetBoolean());
        Assert.True(payroll.GetProperty("freshnessKept").GetBoolean());
        var list = await Http.SendOkAsync(HttpMethod.Get, "products");
        Assert.Equal(["hr.employees"], list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("observed").GetProperty("breached").GetBoolean()).Select(i => i.GetProperty("id").GetString()));
        var listed = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "hr.employees").GetProperty("observed");
        Assert.Equal(2, listed.GetProperty("eventsLastHour").GetInt64());
        Assert.Equal(employees.GetProperty("lastEventAt").GetDateTimeOffset(), listed.GetProperty("lastEventAt").GetDateTimeOffset());
        Assert.Equal(employees.GetProperty("freshnessPromise").GetString(), listed.GetProperty("freshnessPromise").GetString());
    }

    [Fact]
    public async Task A_redelivered_event_is_counted_once()
    {
        var hired = Hired("e1", DateTimeOffset.UtcNow.AddMinutes(-1));
        await Deliver("/api/catalog/v1/observations/events/hr.employees", hired);
        await Deliver("/api/catalog/v1/observations/events/hr.employees", hired);
        await Deliver("/api/catalog/v1/observations/events/hr.employees", Hired("e2", DateTimeOffset.UtcNow));
        await Deliver("/api/catalog/v1/observations/events/finance.payroll", Event("e1", "finance.payroll", "finance.payroll.costs", "PayrollCostBooked", DateTimeOffset.UtcNow, new JsonObject()));

        Assert.Equal(2, (await Http.SendOkAsync(HttpMethod.Get, "products/hr.employees")).GetProperty("observed").GetProperty("eventsLastHour").GetInt64());
        Assert.Equal(1, (await Http.SendOkAsync(HttpMethod.Get, "products/finance.payroll")).GetProperty("observed").GetProperty("eventsLastHour").GetInt64());
    }

    [Fact]
    public async Task A_dead_lettered_event_is_kept_once_with_the_contract_violation_as_reason()
    {
        var broken = Hired("bad-1", DateTimeOffset.UtcNow);
        broken["data"]!.AsObject().Remove("email");
        broken["topic"] = "hr.employees.v1.finance.payroll.deadletter";

        await Deliver("/api/catalog/v1/observations/dead-letters/hr.employees/finance.payroll", broken);
        await Deliver("/api/catalog/v1/observations/dead-letters/hr.employees/finance.payroll", broken);

        var facts = await Http.SendOkAsync(HttpMethod.Get, "products/hr.employees");
        Assert.Equal(1, facts.GetProperty("observed").GetProperty("deadLettered").GetInt64());
        var deadLetter = Assert.Single(facts.GetProperty("recentDeadLetters").EnumerateArray());
        Assert.Equal(("finance.payroll", "bad-1", "EmployeeHired"), (deadLetter.GetProperty("consumerId").GetString(), deadLetter.GetProperty("eventId").GetString(), deadLetter.GetProperty("eventType").GetString()));
        Assert.Contains("email", deadLetter.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var found = (await Http.SendOkAsync(HttpMethod.Get, "products?q=employees")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "hr.employees");
        Assert.Equal(1, found.GetProperty("observed").GetProperty("deadLettered").GetInt64());
    }

    [Fact]
    public async Task An_event_of_a_major_version_the_consumer_does_not_read_is_kept_with_that_reason()
    {
        var newer = Hired("major-2", DateTimeOffset.UtcNow);
        newer["contractversion"] = "2.0.0";
        newer["topic"] = "hr.employees.v1.finance.payroll.deadletter";

        await Deliver("/api/catalog/v1/observations/dead-letters/hr.employees/finance.payroll", newer);

        var deadLetter = (await Http.SendOkAsync(HttpMethod.Get, "products/hr.employees")).GetProperty("recentDeadLetters").EnumerateArray()
            .Single(d => d.GetProperty("eventId").GetString() == "major-2");
        Assert.Equal("contract hr.employees.events 2.0.0 has major version 2; the consumer reads major version 1 (1.0.0)", deadLetter.GetProperty("reason").GetString());
    }

    private async Task Deliver(string route, JsonObject cloudEvent)
    {
        using var content = new StringContent(cloudEvent.ToJsonString(), System.Text.Encoding.UTF8, "application/cloudevents+json");
        var response = await Catalog.SidecarClient().PostAsync(route, content);
        response.EnsureSuccessStatusCode();
        Assert.Equal("SUCCESS", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    private static JsonObject Hired(string id, DateTimeOffset time) => Event(id, "hr.employees", "hr.employees.events", "EmployeeHired", time, new JsonObject
    {
        ["employeeId"] = "3f1c2a4e-8d7b-4c1e-9a52-6b0d4e7f1a23", ["name"] = "Ada Lovelace", ["email"] = "ada@example.com", ["birthDate"] = "1815-12-10",
        ["salary"] = 5400.5, ["currency"] = "EUR", ["hiredOn"] = "2024-03-01",
    });

    /// <summary>A CloudEvent 1.0 as the relay publishes it and the sidecar delivers it (structured JSON, topic and pubsubname added).</summary>
    private static JsonObject Event(string id, string product, string contract, string type, DateTimeOffset time, JsonObject data) => new()
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = $"/dataproducts/{product}", ["type"] = type, ["time"] = time.ToString("O"),
        ["datacontenttype"] = "application/json", ["dataproduct"] = product, ["contractid"] = contract, ["contractversion"] = "1.0.0",
        ["topic"] = "hr.employees.v1", ["pubsubname"] = "pubsub", ["data"] = data,
    };
}
