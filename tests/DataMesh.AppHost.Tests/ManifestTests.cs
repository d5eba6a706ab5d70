using System.Diagnostics;
using System.Text.Json.Nodes;
using DataMesh.Testing;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// The committed aspire-manifest.json is what the AppHost publishes today, and carries what azd and the
/// Dapr tooling read from it: a dapr.v0 entry per sidecar, the component, and no secret values.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string Committed = Path.Combine(RepositoryLayout.Root, "aspire-manifest.json");

    [Fact]
    public async Task Committed_manifest_is_what_the_apphost_publishes_now()
    {
        var fresh = await PublishAsync();

        Assert.True(
            Normalize(await File.ReadAllTextAsync(Committed)) == Normalize(fresh),
            "aspire-manifest.json is out of date. Regenerate it with: " +
            "dotnet run --project apphost/DataMesh.AppHost -- --publisher manifest --output-path ../../aspire-manifest.json");
    }

    [Fact]
    public async Task Every_service_with_a_sidecar_has_its_dapr_entry_and_the_pubsub_component()
    {
        var resources = (await File.ReadAllTextAsync(Committed) is var text ? JsonNode.Parse(text)! : null)!["resources"]!.AsObject();

        var applications = resources.Where(entry => (string?)entry.Value!["type"] == "dapr.v0")
            .Select(entry => (string)entry.Value!["dapr"]!["application"]!)
            .Order();
        Assert.Equal(["catalog", "finance", "hr", "marketing"], applications);
        Assert.All(resources.Where(entry => (string?)entry.Value!["type"] == "dapr.v0"),
            entry => Assert.Equal(["pubsub"], entry.Value!["dapr"]!["components"]!.AsArray().Select(component => (string)component!)));

        var pubsub = resources["pubsub"]!;
        Assert.Equal("dapr.component.v0", (string?)pubsub["type"]);
        Assert.Equal("pubsub", (string?)pubsub["daprComponent"]!["type"]);
        Assert.Equal("pubsub.kafka", (string?)pubsub["daprComponent"]!["componentType"]);
    }

    [Fact]
    public async Task Carries_the_pubsub_resiliency_and_each_sidecars_app_health_check()
    {
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(Committed))!["resources"]!.AsObject();

        // The Resiliency the sidecars load beside the component: its spec, as in a run and in deploy/kubernetes.
        var resiliency = resources["pubsub"]!["daprComponent"]!["resiliency"];
        Assert.NotNull(resiliency);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"policy":"exponential","maxInterval":"10s","maxRetries":18}"""),
            resiliency["policies"]!["retries"]!["pubsub-inbound"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"pubsub":{"inbound":{"retry":"pubsub-inbound"}}}"""),
            resiliency["targets"]!["components"]));

        var sidecars = resources.Where(entry => (string?)entry.Value!["type"] == "dapr.v0").Select(entry => entry.Value!["dapr"]!).ToList();
        Assert.NotEmpty(sidecars);
        Assert.All(sidecars, dapr =>
        {
            Assert.True((bool?)dapr["enableAppHealthCheck"]);
            Assert.Equal("/health", (string?)dapr["appHealthCheckPath"]);
            Assert.Equal(5, (int?)dapr["appHealthProbeInterval"]);
            Assert.Equal(2000, (int?)dapr["appHealthProbeTimeout"]);
            Assert.Equal(3, (int?)dapr["appHealthThreshold"]);
        });
    }

    [Fact]
    public async Task No_service_is_told_to_believe_anyones_forwarded_headers()
    {
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(Committed))!["resources"]!.AsObject();

        var services = resources.Where(entry => ((string?)entry.Value!["type"])?.StartsWith("project.", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["catalog", "finance", "gateway", "hr", "marketing"], services.Select(entry => entry.Key).Order());
        Assert.All(services, entry => Assert.False(entry.Value!["env"]!.AsObject().ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"), entry.Key));
    }

    [Fact]
    public async Task Holds_no_secret_value()
    {
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(Committed))!["resources"]!.AsObject();

        var secrets = resources.Where(entry => (string?)entry.Value!["type"] == "parameter.v0"
            && (bool?)entry.Value!["inputs"]?["value"]?["secret"] == true).ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, entry =>
        {
            // A secret is an input the deployment tool asks for or generates, never a value in the file.
            Assert.Null(entry.Value!["inputs"]!["value"]!["default"]?["value"]);
            Assert.Equal($"{{{entry.Key}.inputs.value}}", (string?)entry.Value!["value"]);
        });
        Assert.DoesNotMatch(@"Password=[^{;""]", await File.ReadAllTextAsync(Committed));
    }

    private static async Task<string> PublishAsync()
    {
        // Published next to the committed file, so that project paths come out relative to the same folder.
        var output = Path.Combine(RepositoryLayout.Root, $"aspire-manifest.{Guid.NewGuid():N}.json");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryLayout.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "run", "--project", Path.Combine("apphost", "DataMesh.AppHost"), "--no-build", "-c", RepositoryLayout.Configuration,
                "--", "--publisher", "manifest", "--output-path", output,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var publish = Process.Start(start)!;
            var log = publish.StandardOutput.ReadToEndAsync();
            var errors = publish.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await publish.WaitForExitAsync(timeout.Token);
            Assert.True(publish.ExitCode == 0, $"Publishing the manifest failed: {await log}{await errors}");
            return await File.ReadAllTextAsync(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
