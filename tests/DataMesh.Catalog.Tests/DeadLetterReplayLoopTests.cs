using System.Globalization;
using System.Net;
using Aspire.Hosting;
using DataMesh.Catalog.Api;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.Subscribing;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The whole loop of a dead letter, with nothing in a part's place: HR's and finance's services as production wires them
/// (the data products library) on PostgreSQL databases of their own, each with the daprd stand-in as its sidecar, and the
/// catalog with its own. Finance's database goes away; finance refuses HR's event (RETRY) until the inbound Resiliency is
/// spent and its sidecar moves the event to <c>hr.employees.v1.finance.payroll.deadletter</c>; the catalog keeps it from
/// that topic; the database comes back; the catalog replays the dead letter twice to finance's replay topic; finance
/// applies it exactly once.
/// </summary>
public sealed class DeadLetterReplayLoopTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The stand-in's counter of events its app acknowledged (tests/DaprSidecarStandIn/README.md).</summary>
    private const string DeliveredCounter = "dapr_standin_pubsub_delivered_total";

    private readonly PubSubResources _resources = new();
    private readonly List<IAsyncDisposable> _running = [];
    private StandInSidecar _financeSidecar = null!;
    private DomainService _finance = null!;
    private DomainService _hr = null!;
    private CatalogHost _catalog = null!;

    public async Task InitializeAsync()
    {
        // A short inbound policy, so the refused event is dead-lettered within seconds (the mesh's own retries for about two
        // minutes); the timeout bounds an attempt that waits on the database, as the consumer's retrying DbContext may.
        _resources.WriteInboundResiliency(new Dictionary<string, string> { ["policy"] = "constant", ["duration"] = "200ms", ["maxRetries"] = "2" }, timeout: "3s");

        var catalogSidecar = Keep(new StandInSidecar(CatalogServiceExtensions.Name, appPort: null, _resources.Path));
        catalogSidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable] = $"dapr-token-{Guid.NewGuid():N}";
        await catalogSidecar.StartAsync();
        _catalog = Keep(await CatalogHost.StartAsync(postgres, settings: new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = catalogSidecar.GrpcEndpoint,
            ["DAPR_HTTP_ENDPOINT"] = catalogSidecar.HttpEndpoint,
            [MeshCredentials.DaprApiTokenVariable] = catalogSidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable],
        }));
        await _catalog.RegisterAsync(Definitions.Hr());
        await _catalog.RegisterAsync(Definitions.Finance());

        var financePort = FreePort.Next();
        _financeSidecar = Keep(new StandInSidecar(DomainService.Finance, financePort, _resources.Path));
        _finance = Keep(await DomainService.StartFinanceAsync(await postgres.CreateDatabaseAsync("finance"), _financeSidecar, financePort));
        await _financeSidecar.StartAsync();

        var hrSidecar = Keep(new StandInSidecar(DomainService.Hr, appPort: null, _resources.Path));
        await hrSidecar.StartAsync();
        _hr = Keep(await DomainService.StartHrAsync(await postgres.CreateDatabaseAsync("hr"), hrSidecar));
    }

    public async Task DisposeAsync()
    {
        _running.Reverse();
        foreach (var part in _running)
        {
            await part.DisposeAsync();
        }

        _resources.Dispose();
    }

    [Fact]
    public async Task An_event_dead_lettered_while_the_consumers_database_was_down_and_replayed_twice_by_the_catalog_is_applied_once()
    {
        var financeDatabase = new Npgsql.NpgsqlConnectionStringBuilder(_finance.ConnectionString).Database!;
        string eventId;
        await using (await DatabaseOutage.BeginAsync(postgres.ConnectionString, financeDatabase))
        {
            await using (var db = _hr.CreateDbContext())
            {
                eventId = _hr.Hire(db, Guid.NewGuid()).Id.ToString();
                await db.SaveChangesAsync();
            }

            // Finance's retries are spent while its database is away: the catalog keeps the event from the dead-letter topic.
            await Eventually.TrueAsync(
                () => _catalog.QueryAsync(db => db.DeadLetters.AnyAsync(d => d.EventId == eventId && d.ConsumerId == DeadLetters.Consumer && d.Payload != null)),
                Patience,
                () => $"The catalog keeps no dead letter {eventId}.{Environment.NewLine}{_financeSidecar.Output}");
        }

        // The cause is fixed, and nothing was applied behind the dead letter's back.
        Assert.Equal((0, 0), await AppliedAsync(eventId));
        var deliveredBefore = await FinanceSidecarCounterAsync(DeliveredCounter);

        // Replayed twice through the catalog, as the consuming domain's service (its dashboard command) asks.
        using var finance = _catalog.ServiceClient(DomainService.Finance);
        foreach (var attempt in new[] { 1, 2 })
        {
            var replayed = await finance.PostAsync($"{CatalogApi.Prefix}/products/{DeadLetters.Consumer}/dead-letters/{eventId}/replay", null);
            Assert.True(replayed.StatusCode == HttpStatusCode.OK, $"replay {attempt}: {(int)replayed.StatusCode} {await replayed.Content.ReadAsStringAsync()}");
        }

        // Both copies went to the replay topic and finance acknowledged both, then: applied once.
        var replayTopic = ConsumerTopics.Replay(DomainService.Topic, DeadLetters.Consumer);
        await Eventually.TrueAsync(
            async () => await FinanceSidecarCounterAsync(DeliveredCounter) >= deliveredBefore + 2,
            Patience,
            () => $"Finance did not acknowledge both replays of {eventId} ({_resources.TopicOccurrences(replayTopic, eventId)} on {replayTopic}).{Environment.NewLine}{_financeSidecar.Output}");
        Assert.Equal(2, _resources.TopicOccurrences(replayTopic, $"\"id\":\"{eventId}\""));
        Assert.Equal((1, 1), await AppliedAsync(eventId));
    }

    /// <summary>Finance's inbox rows and payroll entries for the event.</summary>
    private async Task<(int Inbox, int Payroll)> AppliedAsync(string eventId)
    {
        await using var db = _finance.CreateDbContext();
        return (await db.Set<InboxEntry>().CountAsync(e => e.EventId == eventId), await db.PayrollEntries.CountAsync(e => e.EventId == eventId));
    }

    /// <summary>A counter of finance's sidecar, read from its metrics port.</summary>
    private async Task<long> FinanceSidecarCounterAsync(string counter)
    {
        using var metrics = new HttpClient();
        var text = await metrics.GetStringAsync($"http://127.0.0.1:{_financeSidecar.MetricsPort}/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(counter + "{", StringComparison.Ordinal));
        return long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private T Keep<T>(T part)
        where T : IAsyncDisposable
    {
        _running.Add(part);
        return part;
    }
}
