using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.DataProducts.SqlPorts.Grants;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataMesh.DataProducts.Tests.SqlGrants;

/// <summary>
/// HR as a domain service wires it (<c>AddDataProducts</c>, <c>MapDataProductSubscriptions</c>), its employees contract
/// served also in PostgreSQL (a <c>postgres</c> server and the port's two tables), with its stand-in sidecar and a catalog
/// stand-in answering the grants route. The interval is an hour (but in the test of the interval), so only the start and the catalog's
/// <see cref="SqlGrantChanged"/> events, published through another stand-in sidecar, can change the port's grants.
/// </summary>
public sealed class SqlGrantsServiceTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const string Credential = "hr-service-credential";
    private const string Product = "hr.employees";
    private const string Headcount = $"SELECT headcount FROM {SqlPortDatabase.Schema}.headcount";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly DefinitionsFolder folder = new();
    private readonly PubSubResources resources = new();

    public void Dispose()
    {
        resources.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task A_grant_changed_event_applies_the_catalogs_grants_at_once_and_one_for_another_domains_product_is_acknowledged()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();
        await using var catalog = await GrantsCatalog.StartAsync();
        await using var hr = await HrService.StartAsync(folder, resources, database, catalog.Address);

        // The reconciliation at start asked the catalog, which granted nothing yet.
        await Eventually.TrueAsync(() => catalog.Requests.Count >= 1, Deadline, () => "HR never asked the catalog for its grants.");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await database.ReadAsAsync(consumer, Headcount));

        catalog.Grants = [new SqlGrant("analytics", consumer.Role, PersonalData: false)];
        await using var catalogSidecar = new StandInSidecar("catalog", null, resources.Path);
        await catalogSidecar.StartAsync();
        using var dapr = catalogSidecar.CreateDaprClient();
        await dapr.PublishEventAsync(PubSubResources.PubSubName, SqlGrantChanged.Topic, new SqlGrantChanged("finance.budgets", "analytics"));
        await dapr.PublishEventAsync(PubSubResources.PubSubName, SqlGrantChanged.Topic, new SqlGrantChanged(Product, "analytics"));

        await Eventually.TrueAsync(
            async () => await database.ReadAsAsync(consumer, Headcount) == "12",
            Deadline,
            () => $"The approval did not reach the database; the catalog was asked {catalog.Requests.Count} time(s).{Environment.NewLine}{hr.Sidecar.Output}");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await database.ReadAsAsync(consumer, $"SELECT email FROM {SqlPortDatabase.Schema}.people"));

        catalog.Grants = [];
        await dapr.PublishEventAsync(PubSubResources.PubSubName, SqlGrantChanged.Topic, new SqlGrantChanged(Product, "analytics"));
        await Eventually.TrueAsync(
            async () => await database.ReadAsAsync(consumer, Headcount) == PostgresErrorCodes.InsufficientPrivilege,
            Deadline,
            () => "The revocation did not reach the database.");

        Assert.All(catalog.Requests, r => Assert.Equal((Product, Credential), r));

        // Acknowledged, not retried or dead-lettered: the stand-in logs a refused delivery.
        Assert.DoesNotContain("dropped", hr.Sidecar.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_an_event_the_catalogs_grants_are_applied_at_the_next_interval()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();
        await using var catalog = await GrantsCatalog.StartAsync();
        await using var hr = await HrService.StartAsync(folder, resources, database, catalog.Address, interval: TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => catalog.Requests.Count >= 1, Deadline, () => "HR never asked the catalog for its grants.");

        catalog.Grants = [new SqlGrant("analytics", consumer.Role, PersonalData: true)];

        await Eventually.TrueAsync(
            async () => await database.ReadAsAsync(consumer, $"SELECT email FROM {SqlPortDatabase.Schema}.people") == "ada@example.com",
            Deadline,
            () => $"The approval did not reach the database; the catalog was asked {catalog.Requests.Count} time(s).");
    }

    [Fact]
    public async Task Only_the_sidecar_may_deliver_grant_changes_and_a_delivery_that_is_no_grant_change_is_dropped()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        await using var catalog = await GrantsCatalog.StartAsync();
        await using var hr = await HrService.StartAsync(folder, resources, database, catalog.Address);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hr.Port}") };
        var changed = JsonContent(new { id = "1", type = "SqlGrantChanged", data = new SqlGrantChanged("finance.budgets", "analytics") });

        using var anonymous = await http.PostAsync(SqlGrantChangedDelivery.Route, changed);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        http.DefaultRequestHeaders.Add(MeshHeaders.DaprApiToken, hr.Sidecar.AppApiToken);
        using var otherDomain = await http.PostAsync(SqlGrantChangedDelivery.Route, changed);
        Assert.Equal("SUCCESS", await StatusAsync(otherDomain));
        using var garbage = await http.PostAsync(SqlGrantChangedDelivery.Route, JsonContent(new { id = "2", data = new { grants = "all" } }));
        Assert.Equal("DROP", await StatusAsync(garbage));

        using var subscriptions = JsonDocument.Parse(await http.GetStringAsync("/dapr/subscribe"));
        var grants = Assert.Single(subscriptions.RootElement.EnumerateArray(), s => s.GetProperty("topic").GetString() == SqlGrantChanged.Topic);
        Assert.Equal(SqlGrantChangedDelivery.Route, grants.GetProperty("route").GetString());
        Assert.False(grants.TryGetProperty("deadLetterTopic", out _));
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/cloudevents+json");

    private static async Task<string?> StatusAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString();
    }

    /// <summary>HR running on a port of its own with its stand-in sidecar, its employees contract offering the SQL port.</summary>
    private sealed class HrService : IAsyncDisposable
    {
        private WebApplication app = null!;

        public int Port { get; } = FreePort.Next();

        public StandInSidecar Sidecar { get; private set; } = null!;

        /// <param name="interval">How often HR reconciles without an event; an hour unless a test says.</param>
        public static async Task<HrService> StartAsync(DefinitionsFolder folder, PubSubResources resources, SqlPortDatabase database, Uri catalog, TimeSpan? interval = null)
        {
            OfferSqlPort(folder);
            var service = new HrService();
            service.Sidecar = new StandInSidecar(DomainService.Hr, service.Port, resources.Path);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, service.Port));
            builder.Configuration["DAPR_GRPC_ENDPOINT"] = service.Sidecar.GrpcEndpoint;
            builder.Configuration["DAPR_HTTP_ENDPOINT"] = service.Sidecar.HttpEndpoint;
            builder.Configuration[MeshCredentials.AppApiTokenVariable] = service.Sidecar.AppApiToken;
            builder.Configuration[MeshCredentials.ServiceCredentialKey] = Credential;
            builder.Services.AddDbContext<DomainDbContext>(options => options.UseNpgsql(database.Domain));
            builder.AddDataProducts<DomainDbContext>(DomainService.Hr, options =>
            {
                options.DefinitionsFolder = folder.Path;
                options.PubSubName = PubSubResources.PubSubName;
                options.Outbox.Enabled = false;
                options.Quality.Enabled = false;
                options.Catalog.Address = catalog;
                options.Catalog.MinRetryDelay = TimeSpan.FromMilliseconds(20);
                options.Catalog.SqlGrantsInterval = interval ?? TimeSpan.FromHours(1);
            });
            service.app = builder.Build();
            service.app.MapDataProductSubscriptions();
            await service.app.StartAsync();
            await service.Sidecar.StartAsync();
            return service;
        }

        public async ValueTask DisposeAsync()
        {
            await Sidecar.DisposeAsync();
            await app.DisposeAsync();
        }

        /// <summary>The employees contract also served in PostgreSQL: a postgres server naming the port's schema, and its two tables.</summary>
        private static void OfferSqlPort(DefinitionsFolder folder) => folder
            .Replace(DefinitionsFolder.EmployeesContract, "    location: /api/hr/employees", $"""
                    location: /api/hr/employees
                  - server: employee-tables
                    type: postgres
                    host: postgres
                    port: 5432
                    database: hr
                    schema: {SqlPortDatabase.Schema}
                """)
            .Replace(DefinitionsFolder.EmployeesContract, "slaProperties:", """
                  - name: headcount
                    logicalType: object
                    physicalType: table
                    physicalName: headcount
                    properties:
                      - name: department
                        description: The department.
                        logicalType: string
                        classification: internal
                      - name: headcount
                        description: The headcount.
                        logicalType: integer
                        classification: internal
                  - name: people
                    logicalType: object
                    physicalType: table
                    physicalName: people
                    properties:
                      - name: id
                        description: The id.
                        logicalType: integer
                        classification: internal
                      - name: department
                        description: The department.
                        logicalType: string
                        classification: internal
                      - name: email
                        description: The email.
                        logicalType: string
                        classification: confidential
                        customProperties:
                          - property: pii
                            value: true
                slaProperties:
                """);
    }

    /// <summary>Accepts registrations and answers every product's grants with <see cref="Grants"/>, keeping each request's product and credential.</summary>
    private sealed class GrantsCatalog : IAsyncDisposable
    {
        private CatalogStandIn server = null!;

        /// <summary>What the catalog answers now; a test changes it as an approval or a revocation would.</summary>
        public IReadOnlyList<SqlGrant> Grants { get; set; } = [];

        public Uri Address => server.Address;

        public ConcurrentQueue<(string Product, string? Credential)> Requests { get; } = new();

        public static async Task<GrantsCatalog> StartAsync()
        {
            var catalog = new GrantsCatalog();
            catalog.server = await CatalogStandIn.StartAsync(app =>
            {
                app.MapPost(new CatalogRegistrationOptions().Path, () => Results.StatusCode(StatusCodes.Status201Created));
                app.MapGet(Subscribing.DeadLetterReplayRoute.ApiPrefix + CatalogRegistrationOptions.SqlGrantsRoute, (string id, HttpRequest request) =>
                {
                    catalog.Requests.Enqueue((id, request.Headers[MeshHeaders.ServiceCredential].SingleOrDefault()));
                    return Results.Json(new SqlGrantsAnswer(id, catalog.Grants), JsonSerializerOptions.Web);
                });
            });
            return catalog;
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
