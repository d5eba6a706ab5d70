using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DataMesh.Testing;
using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// `azd up` deploys what azure.yaml names: the AppHost, whose manifest gives every service behind the edge its
/// Dapr sidecar (dapr.v0) and the pub/sub component (dapr.component.v0) it loads; the README says what azd makes of them.
/// </summary>
public sealed class AzdTests
{
    private static readonly JsonObject Manifest =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "aspire-manifest.json")))!["resources"]!.AsObject();

    [Fact]
    public void Azure_yaml_names_the_apphost_project_as_one_container_apps_service()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "azure.yaml"))));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;

        var service = (YamlMappingNode)((YamlMappingNode)root["services"]).Children.Single().Value;
        Assert.Equal("dotnet", service["language"].ToString());
        Assert.Equal("containerapp", service["host"].ToString());
        var project = Path.GetFullPath(Path.Combine(RepositoryLayout.Root, service["project"].ToString()));
        Assert.Equal(Path.Combine(RepositoryLayout.Root, "apphost", "DataMesh.AppHost", "DataMesh.AppHost.csproj"), project);
        Assert.StartsWith("<Project Sdk=\"Aspire.AppHost.Sdk/", File.ReadAllText(project), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_project_but_the_edge_has_its_dapr_entry_loading_a_component_of_the_manifest()
    {
        var projects = Resources("project.v0").ToList();
        var sidecars = Resources("dapr.v0").Select(entry => entry.Value!["dapr"]!).ToList();
        var components = Resources("dapr.component.v0").Select(entry => entry.Key).ToHashSet();

        // The edge (the one project with an external endpoint) talks HTTP only: no sidecar, on purpose.
        var edge = projects.Where(project => project.Value!["bindings"]!.AsObject().Any(binding => (bool?)binding.Value!["external"] == true)).Select(project => project.Key);
        Assert.Equal(["gateway"], edge);

        foreach (var (name, _) in projects.Where(project => project.Key != "gateway"))
        {
            var sidecar = Assert.Single(sidecars, dapr => (string?)dapr["application"] == name);
            Assert.Equal(name, (string?)sidecar["appId"]);
            Assert.Equal("http", (string?)sidecar["appProtocol"]);
            Assert.NotEmpty(sidecar["components"]!.AsArray());
            Assert.All(sidecar["components"]!.AsArray(), component => Assert.Contains((string)component!, components));
        }

        Assert.DoesNotContain(sidecars, dapr => (string?)dapr["application"] == "gateway");
        Assert.Equal(["pubsub"], components);
    }

    [Fact]
    public void The_readme_says_what_azd_up_creates_from_each_dapr_component_of_the_manifest()
    {
        var components = Resources("dapr.component.v0").ToDictionary(entry => entry.Key, entry => entry.Value!["daprComponent"]!);
        var rows = ReadmeAzdComponentRows();

        Assert.Equal(components.Keys.Order(StringComparer.Ordinal), rows.Select(row => row.Component).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var component = components[row.Component];
            // azd reads the type alone ...
            Assert.Equal((string?)component["type"], row.TypeRead);
            var created = AzdComponentTypeFor(row.TypeRead);
            Assert.True(created is not null, $"azd up stops on the Dapr component '{row.Component}': it knows no type '{row.TypeRead}'.");
            Assert.Contains($"component `{row.Component}`: `{created}` v1", row.Created, StringComparison.Ordinal);
            // ... so the broker the AppHost names is not what Azure gets, and the README must not say it is.
            var named = (string)component["componentType"]!;
            if (named != created)
            {
                Assert.DoesNotContain(named, row.Created, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// What azd makes of a Dapr component from its type (Azure/azure-dev, cli/azd/pkg/apphost/generate.go,
    /// addDaprComponent): a Redis-backed component of the same building block for <c>pubsub</c> and <c>state</c>, on
    /// one Redis dev service; any other type stops <c>azd up</c> (null).
    /// </summary>
    private static string? AzdComponentTypeFor(string type) => type is "pubsub" or "state" ? $"{type}.redis" : null;

    /// <summary>The rows of the README's table of what azd reads from each <c>dapr.component.v0</c> entry and creates.</summary>
    private static List<(string Component, string TypeRead, string Created)> ReadmeAzdComponentRows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Deploying to Azure with azd\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section 'Deploying to Azure with azd'.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];

        var rows = new List<(string, string, string)>();
        foreach (var line in section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            Assert.True(cells.Length == 3, $"README's azd table: a row reads '{line}'.");
            var entry = Regex.Match(cells[0], @"^`([^`]+)` \(`dapr\.component\.v0`\)$");
            var read = Regex.Match(cells[1], @"^`daprComponent\.type`: `([^`]+)`$");
            Assert.True(entry.Success && read.Success, $"README's azd table: a row reads '{line}'.");
            rows.Add((entry.Groups[1].Value, read.Groups[1].Value, cells[2]));
        }

        return rows;
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Resources(string type) =>
        Manifest.Where(entry => (string?)entry.Value!["type"] == type);
}
