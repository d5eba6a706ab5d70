using System.Text.Json.Nodes;
using DataMesh.Testing;
using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// `azd up` deploys what azure.yaml names: the AppHost, whose manifest gives every service behind the edge its
/// Dapr sidecar (dapr.v0) and the pub/sub component (dapr.component.v0) it loads.
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

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Resources(string type) =>
        Manifest.Where(entry => (string?)entry.Value!["type"] == type);
}
