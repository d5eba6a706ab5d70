using System.Text.Json.Nodes;
using Aspire.Hosting.Dapr;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// How the services prove who they are: a secret credential per service that calls the catalog, Dapr's two API tokens
/// per app and sidecar, and the pub/sub's topics scoped to what each app's data products say.
/// </summary>
public sealed class ServiceIdentityModelTests
{
    private static readonly string[] Domains = ["finance", "hr", "marketing"];
    private static readonly string[] AppsWithSidecars = ["catalog", "finance", "hr", "marketing"];

    [Fact]
    public async Task Each_service_calling_the_catalog_gets_a_secret_credential_that_the_catalog_is_given()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var catalog = await appHost.Model.Single<ProjectResource>("catalog").EnvironmentOf();

        foreach (var service in Domains.Append("gateway"))
        {
            var environment = await appHost.Model.Single<ProjectResource>(service).EnvironmentOf();
            var credential = Assert.IsType<ParameterResource>(environment["Mesh__ServiceCredential"]);
            Assert.Equal($"{service}-service-credential", credential.Name);
            Assert.True(credential.Secret);
            Assert.Same(credential, catalog[$"Catalog__ServiceCredentials__{service}"]);
        }

        // The catalog is the one that checks; it holds nobody's credential as its own.
        Assert.False(catalog.ContainsKey("Mesh__ServiceCredential"));
    }

    [Fact]
    public async Task Each_app_and_its_sidecar_share_secret_dapr_api_tokens()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);

        foreach (var app in AppsWithSidecars)
        {
            var appEnvironment = await appHost.Model.Single<ProjectResource>(app).EnvironmentOf();
            var sidecarEnvironment = await appHost.Model.Single<DaprSidecarResource>($"{app}-dapr").EnvironmentOf();
            foreach (var (variable, parameter) in new[] { (MeshCredentials.AppApiTokenVariable, $"{app}-app-api-token"), (MeshCredentials.DaprApiTokenVariable, $"{app}-dapr-api-token") })
            {
                var token = Assert.IsType<ParameterResource>(appEnvironment[variable]);
                Assert.Equal(parameter, token.Name);
                Assert.True(token.Secret);
                Assert.Same(token, sidecarEnvironment[variable]);
            }
        }

        Assert.False((await appHost.Model.Single<ProjectResource>("gateway").EnvironmentOf()).ContainsKey(MeshCredentials.AppApiTokenVariable));
    }

    [Fact]
    public async Task The_pubsub_component_lets_each_app_use_only_the_topics_of_its_data_products()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var yaml = await DaprComponentYaml.RenderAsync(appHost.Model.Single<DaprComponentResource>("pubsub"), CancellationToken.None);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var metadata = ((YamlSequenceNode)((YamlMappingNode)stream.Documents.Single().RootNode)["spec"]["metadata"]).Children
            .Cast<YamlMappingNode>()
            .ToDictionary(entry => entry["name"].ToString(), entry => entry["value"].ToString());

        AssertScopes(metadata);
    }

    [Fact]
    public async Task The_committed_manifest_carries_the_scopes_and_gives_the_apps_their_tokens_and_credentials_as_parameters()
    {
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "aspire-manifest.json")))!["resources"]!.AsObject();
        var metadata = resources["pubsub"]!["daprComponent"]!["metadata"]!.AsObject().ToDictionary(entry => entry.Key, entry => (string)entry.Value!);

        AssertScopes(metadata);
        foreach (var app in AppsWithSidecars)
        {
            var env = resources[app]!["env"]!;
            Assert.Equal($"{{{app}-app-api-token.value}}", (string?)env[MeshCredentials.AppApiTokenVariable]);
            Assert.Equal($"{{{app}-dapr-api-token.value}}", (string?)env[MeshCredentials.DaprApiTokenVariable]);
            Assert.True((bool)resources[$"{app}-app-api-token"]!["inputs"]!["value"]!["secret"]!);
        }

        foreach (var service in Domains.Append("gateway"))
        {
            Assert.Equal($"{{{service}-service-credential.value}}", (string?)resources[service]!["env"]!["Mesh__ServiceCredential"]);
            Assert.Equal($"{{{service}-service-credential.value}}", (string?)resources["catalog"]!["env"]![$"Catalog__ServiceCredentials__{service}"]);
        }
    }

    /// <summary>
    /// Each domain publishes its output topics and the dead-letter topics of its input ports (daprd publishes those as the
    /// app), subscribes to its input topics and its replay topics only; the catalog publishes only the replay topics and observes every other topic.
    /// </summary>
    private static void AssertScopes(IReadOnlyDictionary<string, string> metadata)
    {
        var publishing = Scopes(metadata[DaprTopicScopes.PublishingScopes]);
        var subscribing = Scopes(metadata[DaprTopicScopes.SubscriptionScopes]);

        Assert.Equal(["hr.employees.v1", "hr.headcount.v1"], publishing["hr"]);
        Assert.Equal([SqlGrantChanged.Topic], subscribing["hr"]);
        Assert.Equal(["finance.budgets.v1", "finance.cost-center-actuals.v1", "hr.employees.v1.finance.cost-center-actuals.deadletter", "marketing.campaigns.v1.finance.cost-center-actuals.deadletter"], publishing["finance"]);
        Assert.Equal([SqlGrantChanged.Topic, "hr.employees.v1", "hr.employees.v1.finance.cost-center-actuals.replay", "marketing.campaigns.v1", "marketing.campaigns.v1.finance.cost-center-actuals.replay"], subscribing["finance"]);
        Assert.Equal(["finance.budgets.v1.marketing.campaigns.deadletter", "hr.headcount.v1.marketing.campaigns.deadletter", "marketing.campaigns.v1", "marketing.leads.v1"], publishing["marketing"]);
        Assert.Equal([SqlGrantChanged.Topic, "finance.budgets.v1", "finance.budgets.v1.marketing.campaigns.replay", "hr.headcount.v1", "hr.headcount.v1.marketing.campaigns.replay"], subscribing["marketing"]);

        // The catalog publishes only the consumers' replay topics, each of which only its consumer reads, and the SQL grant
        // changes, which every domain reads.
        var replays = subscribing.Where(app => app.Key != "catalog").SelectMany(app => app.Value).Where(topic => topic.EndsWith(".replay", StringComparison.Ordinal));
        Assert.Equal(replays.Append(SqlGrantChanged.Topic).Order(StringComparer.Ordinal), publishing["catalog"]);
        Assert.All(Domains, domain => Assert.Contains(SqlGrantChanged.Topic, subscribing[domain]));
        var everyTopic = publishing.Values.SelectMany(topics => topics).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(everyTopic.Except(publishing["catalog"]), subscribing["catalog"]);
        Assert.Equal(AppsWithSidecars, publishing.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AppsWithSidecars, subscribing.Keys.Order(StringComparer.Ordinal));

        // No app uses a topic outside the list, and an app the scopes do not name uses none of it.
        Assert.Equal(everyTopic, metadata[DaprTopicScopes.AllowedTopics].Split(','));
        Assert.Equal(everyTopic, metadata[DaprTopicScopes.ProtectedTopics].Split(','));
    }

    /// <summary>daprd's format, <c>app1=topic1,topic2;app2=</c>: an app with nothing after '=' may use no topic.</summary>
    private static Dictionary<string, string[]> Scopes(string value) =>
        value.Split(';').Select(app => app.Split('=')).ToDictionary(
            app => app[0], app => app[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
}
