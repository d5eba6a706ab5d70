using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// The whole mesh in local mode, through the real AppHost and Aspire's orchestrator: PostgreSQL from the
/// local binaries, every service a real process, and the daprd stand-in (tests/DaprSidecarStandIn) as each
/// sidecar, chosen through Dapr:DaprdPath alone. Started once for all end-to-end tests.
/// </summary>
public class LocalMesh : IAsyncLifetime
{
    public const string Collection = "local mesh";

    private readonly string[] settings;

    public LocalMesh()
        : this([])
    {
    }

    /// <param name="settings">More AppHost settings, as command-line arguments.</param>
    protected LocalMesh(params string[] settings) => this.settings = settings;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly string _dataDirectory = ServerReachableDirectory.Create("datamesh-e2e-");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The mesh is not started.");

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataMesh_AppHost>(
        [
            "--Mesh:Infrastructure=local",
            // Local mode takes an existing broker; the stand-in sidecars keep topics themselves and only read its address.
            "--ConnectionStrings:kafka=localhost:9092",
            $"--Mesh:Postgres:DataDirectory={Path.Combine(_dataDirectory, "postgres")}",
            $"--Mesh:Gateway:Port={Aspire.Hosting.FreePort.Next()}",
            $"--Dapr:DaprdPath={RepositoryLayout.DaprdStandIn}",
            .. settings,
        ]);
        _app = await builder.BuildAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var resource in model.Resources.Where(resource => resource is ProjectResource or DaprSidecarResource or LocalPostgresServerResource))
        {
            await notifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
