using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Observations;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// What the catalog keeps of a dead letter (the event, bounded), who reads its personal fields (the consuming product's
/// team and administrators), and who replays it (that team, administrators, the consuming domain's service), on a real
/// database, with a real HTTP server in the sidecar's place taking what the catalog publishes.
/// </summary>
public sealed class DeadLetterReplayTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Consumer = DeadLetters.Consumer;
    private const string ConsumerTeam = "controlling";
    private const string SidecarToken = "catalog-sidecar-api-token";

    private RecordingSidecar _sidecar = null!;
    private CatalogHost _catalog = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await RecordingSidecar.StartAsync();
        _catalog = await CatalogHost.StartAsync(postgres, settings: new Dictionary<string, string?>
        {
            ["DAPR_HTTP_ENDPOINT"] = _sidecar.Endpoint, ["DAPR_API_TOKEN"] = SidecarToken,
        });
        await _catalog.RegisterAsync(Definitions.Hr());
        await _catalog.RegisterAsync(Definitions.Finance());
    }

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task A_dead_letter_keeps_its_whole_event()
    {
        var hired = Hired("kept-1");
        await DeliverDeadLetter(hired);

        var kept = await _catalog.QueryAsync(db => db.DeadLetters.SingleAsync(d => d.EventId == "kept-1"));
        Assert.True(JsonNode.DeepEquals(hired, JsonNode.Parse(kept.Payload!)), kept.Payload);
        Assert.Null(kept.ReplayedAt);
    }

    [Fact]
    public async Task An_event_larger_than_the_bound_is_kept_without_its_payload_and_cannot_be_replayed()
    {
        var large = Hired("large-1");
        large["data"]!["department"] = new string('x', DeadLetterRecord.MaxPayloadBytes);
        await DeliverDeadLetter(large);

        var kept = await _catalog.QueryAsync(db => db.DeadLetters.SingleAsync(d => d.EventId == "large-1"));
        Assert.Null(kept.Payload);
        var response = await TeamKey(ConsumerTeam).PostAsync($"{CatalogApi.Prefix}/products/{Consumer}/dead-letters/{kept.EventId}/replay", null);
        await AssertProblem(response, HttpStatusCode.Conflict, "eventId");
        Assert.Empty(_sidecar.Requests);
    }

    public static TheoryData<string, bool> Readers() => new()
    {
        { "anonymous", false },
        { "owner-team-key", true },
        { "other-team-key", false },
        { "own-domain", false },
        { "other-domain", false },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Personal_fields_are_masked_but_for_the_consuming_team(string caller, bool readsPersonalData)
    {
        await DeliverDeadLetter(Hired("masked-1"));

        var listed = await (await Client(caller).GetAsync($"{CatalogApi.Prefix}/products/{Consumer}/dead-letters")).Content.ReadFromJsonAsync<JsonElement>();

        var deadLetter = Assert.Single(listed.EnumerateArray());
        AssertMasking(deadLetter.GetProperty("event").GetProperty("data"), deadLetter.GetProperty("masked").GetBoolean(), readsPersonalData);
    }

    public static TheoryData<string, bool> People() => new()
    {
        { "owner-team-member", true },
        { "other-team-member", false },
        { "administrator", true },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Personal_fields_are_masked_but_for_the_consuming_teams_people_and_administrators(string caller, bool readsPersonalData)
    {
        await DeliverDeadLetter(Hired("masked-2"));

        var listed = await AtReplayAsync(replay => replay.ListAsync(Consumer, Person(caller), CancellationToken.None));

        var deadLetter = Assert.Single(listed);
        AssertMasking(JsonSerializer.SerializeToElement(deadLetter.Event!["data"]), deadLetter.Masked, readsPersonalData);
    }

    public static TheoryData<string, HttpStatusCode> Replayers() => new()
    {
        { "anonymous", HttpStatusCode.Unauthorized },
        { "other-team-key", HttpStatusCode.Forbidden },
        { "other-domain", HttpStatusCode.Forbidden },
        { "gateway-alone", HttpStatusCode.Unauthorized },
        { "owner-team-key", HttpStatusCode.OK },
        { "own-domain", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Replayers))]
    public async Task Only_the_consuming_team_and_its_domain_replay_one_dead_letter(string caller, HttpStatusCode expected)
    {
        var hired = Hired("replay-1");
        await DeliverDeadLetter(hired);
        var id = await _catalog.QueryAsync(db => db.DeadLetters.Where(d => d.EventId == "replay-1").Select(d => d.Id).SingleAsync());

        var response = await Client(caller).PostAsync($"{CatalogApi.Prefix}/products/{Consumer}/dead-letters/replay-1/replay", null);

        if (expected != HttpStatusCode.OK)
        {
            await AssertProblem(response, expected, expected == HttpStatusCode.Unauthorized ? CatalogCaller.Field : "consumerId");
            Assert.Empty(_sidecar.Requests);
            Assert.Null(await _catalog.QueryAsync(db => db.DeadLetters.Where(d => d.Id == id).Select(d => d.ReplayedAt).SingleAsync()));
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertReplayed(hired, id, caller == "own-domain" ? "finance" : "controlling-app");
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task Only_the_consuming_teams_people_and_administrators_replay(string caller, bool allowed)
    {
        var hired = Hired("replay-2");
        await DeliverDeadLetter(hired);
        var id = await _catalog.QueryAsync(db => db.DeadLetters.Where(d => d.EventId == "replay-2").Select(d => d.Id).SingleAsync());
        var person = Person(caller);

        var refusal = await Record.ExceptionAsync(() => AtReplayAsync(replay => replay.ReplayAsync(Consumer, "replay-2", person, CancellationToken.None)));

        if (!allowed)
        {
            Assert.Equal(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden, Assert.IsType<CatalogRefusal>(refusal).StatusCode);
            Assert.Empty(_sidecar.Requests);
            return;
        }

        Assert.Null(refusal);
        await AssertReplayed(hired, id, person.Name);
    }

    [Fact]
    public async Task Replaying_all_sends_each_dead_letter_not_replayed_yet_once()
    {
        await DeliverDeadLetter(Hired("all-1"));
        await DeliverDeadLetter(Hired("all-2"));

        var first = await TeamKey(ConsumerTeam).SendOkAsync(HttpMethod.Post, $"products/{Consumer}/dead-letters/replay");
        var second = await TeamKey(ConsumerTeam).SendOkAsync(HttpMethod.Post, $"products/{Consumer}/dead-letters/replay");

        Assert.Equal((2, 0), (first.GetProperty("replayed").GetInt32(), second.GetProperty("replayed").GetInt32()));
        Assert.Equal(["all-1", "all-2"], _sidecar.Requests.Select(r => JsonNode.Parse(r.Body)!["id"]!.GetValue<string>()).Order());
        var refused = await TeamKey("people-platform").PostAsync($"{CatalogApi.Prefix}/products/{Consumer}/dead-letters/replay", null);
        await AssertProblem(refused, HttpStatusCode.Forbidden, "consumerId");
        await AssertProblem(await _catalog.CreateClient().PostAsync($"{CatalogApi.Prefix}/products/{Consumer}/dead-letters/replay", null), HttpStatusCode.Unauthorized, CatalogCaller.Field);
        await AssertProblem(await TeamKey(ConsumerTeam).PostAsync($"{CatalogApi.Prefix}/products/no.such/dead-letters/replay", null), HttpStatusCode.NotFound, "consumerId");
    }

    private async Task AssertReplayed(JsonObject hired, long id, string actor)
    {
        var published = Assert.Single(_sidecar.Requests);
        Assert.Equal(("pubsub", DeadLetters.ReplayTopic, "application/cloudevents+json", SidecarToken),
            (published.PubSub, published.Topic, published.ContentType, published.ApiToken));
        Assert.True(JsonNode.DeepEquals(hired, JsonNode.Parse(published.Body)), published.Body);
        var record = await _catalog.QueryAsync(db => db.DeadLetters.SingleAsync(d => d.Id == id));
        Assert.Equal(actor, record.ReplayedBy);
        Assert.NotNull(record.ReplayedAt);
        var audit = await _catalog.QueryAsync(db => db.AccessAudit.Where(a => a.Action == DeadLetterReplay.ReplayedAction).ToListAsync());
        Assert.Equal((actor, Consumer, "hr.employees"), (Assert.Single(audit).Actor, audit[0].ConsumerId, audit[0].DataProductId));
    }

    private static void AssertMasking(JsonElement data, bool masked, bool readsPersonalData)
    {
        Assert.Equal(!readsPersonalData, masked);
        foreach (var personal in new[] { "name", "email", "birthDate" })
        {
            var value = data.GetProperty(personal).GetString();
            if (readsPersonalData)
            {
                Assert.NotEqual(PersonalDataMask.Masked, value);
            }
            else
            {
                Assert.Equal(PersonalDataMask.Masked, value);
            }
        }

        // Fields the contract does not mark personal stay readable to everyone.
        Assert.Equal(5400.5, data.GetProperty("salary").GetDouble());
        Assert.Equal("EUR", data.GetProperty("currency").GetString());
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    private HttpClient Client(string caller) => caller switch
    {
        "anonymous" => _catalog.CreateClient(),
        "owner-team-key" => TeamKey(ConsumerTeam),
        "other-team-key" => TeamKey("people-platform"),
        "own-domain" => _catalog.ServiceClient("finance"),
        "other-domain" => _catalog.ServiceClient("hr"),
        "gateway-alone" => _catalog.ServiceClient(ServiceCredentials.Gateway),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "not a caller of these tests"),
    };

    private HttpClient TeamKey(string team) => _catalog.ConsumerClient($"{(team == ConsumerTeam ? "controlling" : team)}-app", team);

    private static PersonCaller Person(string caller) => caller switch
    {
        "owner-team-member" => new PersonCaller("carl@example.com", Administrator: false, [new TeamMembership(ConsumerTeam, TeamRole.Member)]),
        "other-team-member" => new PersonCaller("hedy@example.com", Administrator: false, [new TeamMembership("people-platform", TeamRole.Owner)]),
        "administrator" => Tests.People.Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "not a person of these tests"),
    };

    private Task<T> AtReplayAsync<T>(Func<DeadLetterReplay, Task<T>> work) => _catalog.WithServicesAsync(services => work(services.GetRequiredService<DeadLetterReplay>()));

    private Task DeliverDeadLetter(JsonObject cloudEvent) => DeadLetters.DeliverAsync(_catalog, cloudEvent);

    private static JsonObject Hired(string id) => DeadLetters.Hired(id);
}
