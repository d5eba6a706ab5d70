using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DataMesh.EndToEnd.Tests;

public sealed class MeshStartsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Whole_mesh_starts_in_local_mode_and_answers_through_the_gateway()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("datamesh-e2e-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_101_101);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataMesh_AppHost>(
        [
            "--Mesh:Infrastructure=local",
            "--ConnectionStrings:kafka=localhost:9092",
            $"--Mesh:Postgres:DataDirectory={dataDirectory}/postgres",
            "--Dapr:DaprdPath=/tmp/fake-daprd",
        ]);
        await using var app = await appHost.BuildAsync();
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        _ = Task.Run(async () =>
        {
            await foreach (var e in notifications.WatchAsync())
            {
                output.WriteLine($"{e.Resource.Name}: {e.Snapshot.State?.Text} health={e.Snapshot.HealthStatus} {string.Join(",", e.Snapshot.HealthReports.Select(r => r.Name + "=" + r.Status + ":" + r.Description + r.ExceptionText))}");
            }
        });
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        _ = Task.Run(async () =>
        {
            await foreach (var batch in logs.WatchAsync("postgres"))
                foreach (var line in batch) output.WriteLine("postgres log: " + line.Content);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await app.StartAsync(cts.Token);
        await notifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        using var client = app.CreateHttpClient("gateway");
        var response = await client.GetAsync("/api/hr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
