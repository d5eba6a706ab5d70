using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataMesh.Testing;

/// <summary>
/// Starts the whole mesh in local mode through the real AppHost and Aspire's orchestrator: PostgreSQL from the local
/// binaries, every service a real process, and the daprd stand-in as each sidecar, chosen through Dapr:DaprdPath
/// alone. Returns once every service, sidecar and the server are healthy. The end-to-end tests and the edge benchmark
/// both start the mesh this way.
/// </summary>
public static class LocalMeshLauncher
{
    /// <param name="dataDirectory">A folder the PostgreSQL server's account can write (<see cref="ServerReachableDirectory"/>).</param>
    /// <param name="teamKeys">Per domain, its team's key, set as the AppHost's <c>{domain}-team-key</c> parameters.</param>
    /// <param name="settings">More AppHost settings, as command-line arguments.</param>
    public static async Task<DistributedApplication> StartAsync<TAppHost>(
        string dataDirectory, IReadOnlyDictionary<string, string> teamKeys, IEnumerable<string> settings, TimeSpan timeout)
        where TAppHost : class
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>(
        [
            "--Mesh:Infrastructure=local",
            // Local mode takes an existing broker; the stand-in sidecars keep topics themselves and only read its address.
            "--ConnectionStrings:kafka=localhost:9092",
            $"--Mesh:Postgres:DataDirectory={Path.Combine(dataDirectory, "postgres")}",
            $"--Mesh:Gateway:Port={FreePort.Next()}",
            $"--Dapr:DaprdPath={RepositoryLayout.DaprdStandIn}",
            .. teamKeys.Select(team => $"--Parameters:{team.Key}-team-key={team.Value}"),
            .. settings,
        ]);
        // The services' own logs stay in the orchestrator (the dashboard shows them); echoed here they would drown the caller's.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var app = await builder.BuildAsync();

        using var deadline = new CancellationTokenSource(timeout);
        await app.StartAsync(deadline.Token);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var resource in model.Resources.Where(resource => resource is ProjectResource or DaprSidecarResource or LocalPostgresServerResource))
        {
            await notifications.WaitForResourceHealthyAsync(resource.Name, deadline.Token);
        }

        return app;
    }

    /// <summary>A new key for a domain team in a test or benchmark run: long enough for the catalog, never reused.</summary>
    public static string NewTeamKey() => $"run-{Guid.NewGuid():N}{Guid.NewGuid():N}";
}
