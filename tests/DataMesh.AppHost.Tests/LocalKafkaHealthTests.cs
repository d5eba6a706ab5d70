using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// Local mode takes an existing broker from <c>ConnectionStrings:kafka</c>: the dashboard says whether it answers
/// (daprd exits at start when it does not), and nothing waits for it (the daprd stand-in needs no broker).
/// No broker runs on a test machine: these are the ways a broker can fail to answer.
/// </summary>
public sealed class LocalKafkaHealthTests
{
    // The check's own timeout is 5 s; creating and disposing the client adds a little.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_kafka_resource_carries_a_broker_health_check_and_nothing_waits_for_it()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        var kafka = model.Resources.Single(resource => resource.Name == MeshInfrastructureExtensions.KafkaName);
        Assert.Single(kafka.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Empty(model.Resources.Where(resource => resource.WaitsOf().Contains(MeshInfrastructureExtensions.KafkaName)).Select(resource => resource.Name));
    }

    [Fact]
    public async Task Refuses_to_start_without_the_brokers_address_naming_the_setting()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var appHost = await AppHostModel.BuildAsync("--Mesh:Infrastructure=local", "--Mesh:Postgres:DataDirectory=/tmp/datamesh-model-test");
        });

        var cause = refused is AggregateException { InnerExceptions: [var inner] } ? inner : refused;
        Assert.IsType<DistributedApplicationException>(cause);
        Assert.Contains($"ConnectionStrings:{MeshInfrastructureExtensions.KafkaName}", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unhealthy_in_bounded_time_naming_the_address_and_the_refusal()
    {
        var address = $"127.0.0.1:{ClosedPort()}";

        var (entry, elapsed) = await CheckKafkaAsync(address);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains(address, entry.Description, StringComparison.Ordinal);
        Assert.Contains("refused", entry.Description, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.Zero, Bound);
    }

    [Fact]
    public async Task A_listener_that_is_not_a_broker_is_unhealthy_in_bounded_time_naming_the_address()
    {
        // Accepts connections and never says a word of Kafka's protocol.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptSocketAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (entry, elapsed) = await CheckKafkaAsync(address);

        await stop.CancelAsync();
        await accepting;
        accepted.ForEach(socket => socket.Dispose());
        Assert.NotEmpty(accepted);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains(address, entry.Description, StringComparison.Ordinal);
        // What failed: the peer never answered Kafka's first request, the API version handshake.
        Assert.Contains("ApiVersion", entry.Description, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.Zero, Bound);
    }

    [Fact]
    public async Task Once_started_the_resource_shows_unhealthy_with_the_address_as_the_dashboard_reads_it()
    {
        var address = $"127.0.0.1:{ClosedPort()}";
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataMesh_AppHost>(
        [
            "--Mesh:Infrastructure=local",
            $"--ConnectionStrings:{MeshInfrastructureExtensions.KafkaName}={address}",
            "--Mesh:Postgres:DataDirectory=/tmp/datamesh-model-test",
            $"--Dapr:DaprdPath={DataMesh.Testing.RepositoryLayout.DaprdStandIn}",
        ]);
        // The real AppHost's kafka resource alone: the rest of the mesh is the end-to-end tests' to start.
        var kafka = builder.Resources.Single(resource => resource.Name == MeshInfrastructureExtensions.KafkaName);
        foreach (var other in builder.Resources.Where(resource => resource != kafka).ToList())
        {
            builder.Resources.Remove(other);
        }

        await using var app = await builder.BuildAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await app.StartAsync(deadline.Token);
        // The dashboard shows a resource's health reports from its snapshots.
        var shown = await app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceAsync(
            kafka.Name,
            resourceEvent => resourceEvent.Snapshot.HealthReports.Any(report => report.Status == HealthStatus.Unhealthy),
            deadline.Token);

        Assert.Equal(KnownResourceStates.Running, shown.Snapshot.State?.Text);
        Assert.Contains(address, Assert.Single(shown.Snapshot.HealthReports).Description, StringComparison.Ordinal);
        await app.StopAsync(deadline.Token);
    }

    /// <summary>Runs the kafka resource's own health check, as the dashboard's monitor does, in local mode at <paramref name="address"/>.</summary>
    private static async Task<(HealthReportEntry Entry, TimeSpan Elapsed)> CheckKafkaAsync(string address)
    {
        await using var appHost = await AppHostModel.BuildAsync(
            "--Mesh:Infrastructure=local",
            $"--ConnectionStrings:{MeshInfrastructureExtensions.KafkaName}={address}",
            "--Mesh:Postgres:DataDirectory=/tmp/datamesh-model-test");
        var kafka = appHost.Model.Resources.Single(resource => resource.Name == MeshInfrastructureExtensions.KafkaName);
        var key = Assert.Single(kafka.Annotations.OfType<HealthCheckAnnotation>()).Key;

        var stopwatch = Stopwatch.StartNew();
        var report = await appHost.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == key);
        stopwatch.Stop();

        return (Assert.Single(report.Entries).Value, stopwatch.Elapsed);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
