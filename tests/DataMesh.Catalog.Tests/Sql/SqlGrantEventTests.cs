using DataMesh.Catalog.Access;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// The catalog publishes <see cref="SqlGrantChanged"/> through its sidecar (the daprd stand-in run as a process, as the AppHost
/// runs it) when a grant on a product with a SQL port is approved or revoked, and for each of a consumer's grants when its login
/// is created or revoked; never for a product without one; and a publish that fails does not fail the request.
/// </summary>
public sealed class SqlGrantEventTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly PubSubResources resources = new();
    private StandInSidecar sidecar = null!;
    private CatalogHost catalog = null!;
    private string consumer = null!;
    private PersonCaller owner = null!;

    private ConsumerCaller Own => new(consumer, People.ConsumerTeam);

    public async Task InitializeAsync()
    {
        sidecar = new StandInSidecar(CatalogServiceExtensions.Name, appPort: null, resources.Path);
        sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable] = $"dapr-token-{Guid.NewGuid():N}";
        var settings = await SqlProvisioning.SettingsAsync(postgres);
        settings["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint;
        settings[MeshCredentials.DaprApiTokenVariable] = sidecar.EnvironmentVariables[MeshCredentials.DaprApiTokenVariable];
        catalog = await CatalogHost.StartAsync(postgres, settings: settings);
        await catalog.RegisterAsync(SqlPortDefinitions.Hr());
        await catalog.RegisterAsync(Definitions.Finance());
        await People.CreateTeamsAsync(catalog);
        owner = await catalog.PersonAsync(People.Owner);
        consumer = $"app-{Guid.NewGuid():N}"[..20];
        await catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync(consumer, People.ConsumerTeam, null, null, People.Administrator, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await catalog.DisposeAsync();
        await sidecar.DisposeAsync();
        resources.Dispose();
    }

    [Fact]
    public async Task Approving_and_revoking_a_grant_on_a_product_with_a_sql_port_publishes_the_change_and_on_one_without_publishes_nothing()
    {
        await sidecar.StartAsync();
        var payroll = await GrantAsync("finance.payroll");

        var employees = await GrantAsync("hr.employees");

        await PublishedAsync("hr.employees", 1);
        await catalog.AtDeskAsync(desk => desk.RevokeAsync(employees, null, Own, CancellationToken.None));
        await PublishedAsync("hr.employees", 2);
        // Each publish happens within its request, in order: finance.payroll's would be in the log before hr.employees' first.
        await catalog.AtDeskAsync(desk => desk.RevokeAsync(payroll, null, Own, CancellationToken.None));
        await GrantAsync("hr.employees");
        await PublishedAsync("hr.employees", 3);
        Assert.Equal(0, Occurrences("finance.payroll"));
    }

    [Fact]
    public async Task Creating_and_revoking_a_login_publishes_the_change_for_each_of_the_consumers_grants_on_products_with_a_sql_port()
    {
        await sidecar.StartAsync();
        await GrantAsync("finance.payroll");
        await GrantAsync("hr.employees");
        await PublishedAsync("hr.employees", 1);

        await catalog.ConsumerClient(consumer, People.ConsumerTeam).SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login");
        await PublishedAsync("hr.employees", 2);
        await catalog.ConsumerClient(consumer, People.ConsumerTeam).SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login/revoke");
        await PublishedAsync("hr.employees", 3);

        Assert.Equal(0, Occurrences("finance.payroll"));
    }

    [Fact]
    public async Task A_grant_approved_and_a_login_created_while_the_sidecar_is_down_succeed_within_the_publish_timeout()
    {
        // The sidecar is not started: every publish fails, and is only logged.
        var request = await catalog.AtDeskAsync(desk => desk.RequestAsync("hr.employees", consumer, "Headcount", false, Own, CancellationToken.None));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var approved = await catalog.AtDeskAsync(desk => desk.DecideAsync(request.Id, approve: true, null, owner, CancellationToken.None));
        var login = await catalog.ConsumerClient(consumer, People.ConsumerTeam).SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login");

        Assert.Equal(AccessStatus.Approved, approved.Status);
        Assert.Equal(Catalog.Sql.SqlLoginRole.Prefix + consumer, login.GetProperty("role").GetString());
        // Two publishes given up, each within the timeout (plus the requests' own work).
        Assert.True(clock.Elapsed < (2 * Catalog.Sql.SqlGrantEvents.PublishTimeout) + TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    /// <summary>A grant for the consumer on <paramref name="product"/>: asked by its key, approved by the owner of the product's team.</summary>
    private async Task<Guid> GrantAsync(string product)
    {
        var decider = product.StartsWith("hr.", StringComparison.Ordinal) ? owner : People.Administrator;
        return await catalog.AtDeskAsync(async desk =>
        {
            var request = await desk.RequestAsync(product, consumer, "Reporting", false, Own, CancellationToken.None);
            await desk.DecideAsync(request.Id, approve: true, null, decider, CancellationToken.None);
            return request.Id;
        });
    }

    private int Occurrences(string product) =>
        resources.TopicOccurrences(SqlGrantChanged.Topic, $"{{\"dataProductId\":\"{product}\",\"consumerId\":\"{consumer}\"}}");

    private Task PublishedAsync(string product, int times) => Eventually.TrueAsync(
        () => Occurrences(product) >= times, Patience,
        () => $"{SqlGrantChanged.Topic} holds {Occurrences(product)} change(s) of {product} for {consumer}, not {times}.{Environment.NewLine}{sidecar.Output}");
}
