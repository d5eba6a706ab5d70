using Aspire.Hosting.Dapr;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests;

/// <summary>The composition for machines without a container engine, as the end-to-end tests run it.</summary>
public sealed class LocalModeModelTests
{
    [Fact]
    public async Task Holds_no_container_at_all()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        Assert.Empty(model.Resources.OfType<ContainerResource>());
    }

    [Fact]
    public async Task Runs_postgres_from_the_local_binaries_with_the_same_databases_and_a_kept_data_folder()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        var postgres = model.Single<LocalPostgresServerResource>("postgres");
        Assert.Equal("/tmp/datamesh-model-test", postgres.DataDirectory);
        Assert.Equal(["catalog", "finance", "hr", "marketing"], postgres.Databases.Select(database => database.DatabaseName).Order());
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            postgres.ConnectionStringExpression.ValueExpression);
        Assert.True(model.Single<ParameterResource>("postgres-password").Secret);

        var arguments = await ArgumentsOf(postgres);
        Assert.Equal(["-D", "/tmp/datamesh-model-test", "-k", "/tmp/datamesh-model-test"], arguments.SkipWhile(argument => argument != "-D").Take(4));
        Assert.Equal(postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), arguments[^1]);
    }

    [Fact]
    public async Task Each_service_connects_as_the_role_that_owns_its_database_and_never_gets_the_superuser()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;
        var postgres = model.Single<LocalPostgresServerResource>("postgres");

        foreach (var service in new[] { "catalog", "finance", "hr", "marketing" })
        {
            var database = model.Single<LocalPostgresDatabaseResource>($"{service}-db");
            Assert.Same(database, Assert.Single(postgres.Databases, candidate => candidate.Name == $"{service}-db"));
            Assert.Equal(
                $"Host={{postgres.bindings.tcp.host}};Port={{postgres.bindings.tcp.port}};Username={service};Password={{{service}-db-password.value}};Database={service}",
                database.ConnectionStringExpression.ValueExpression);
            var password = model.Single<ParameterResource>($"{service}-db-password");
            Assert.True(password.Secret);
            Assert.Equal(service, database.Owner.Role);
            Assert.Same(password, database.Owner.Password);

            Assert.Empty(await model.Single<ProjectResource>(service).PostgresSuperuserIn(postgres.PasswordParameter));
        }
    }

    [Fact]
    public async Task Takes_kafka_from_the_connection_string_and_waits_for_its_databases()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        Assert.Empty(model.Resources.OfType<KafkaServerResource>());
        var pubsub = model.Single<DaprComponentResource>("pubsub");
        Assert.Equal("broker.example:9092", await pubsub.Metadata.Single(entry => entry.Name == "brokers").Value.GetValueAsync(CancellationToken.None));
        Assert.Equal(["hr-db", "postgres"], model.Single<ProjectResource>("hr").WaitsOf());
        Assert.All(model.Resources.OfType<DaprSidecarResource>(), sidecar => Assert.Equal(["kafka"], sidecar.WaitsOf()));
    }

    [Fact]
    public async Task Generates_the_kafka_pubsub_component_yaml_daprd_loads()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        var yaml = await DaprComponentYaml.RenderAsync(model.Single<DaprComponentResource>("pubsub"), CancellationToken.None);

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.Equal("dapr.io/v1alpha1", root["apiVersion"].ToString());
        Assert.Equal("Component", root["kind"].ToString());
        Assert.Equal("pubsub", root["metadata"]["name"].ToString());
        Assert.Equal("pubsub.kafka", root["spec"]["type"].ToString());
        Assert.Equal("v1", root["spec"]["version"].ToString());
        // The topic scopes are ServiceIdentityModelTests' subject.
        string[] scopes = [DaprTopicScopes.PublishingScopes, DaprTopicScopes.SubscriptionScopes, DaprTopicScopes.AllowedTopics, DaprTopicScopes.ProtectedTopics];
        var metadata = ((YamlSequenceNode)root["spec"]["metadata"]).Children
            .Cast<YamlMappingNode>()
            .Where(entry => !scopes.Contains(entry["name"].ToString()))
            .ToDictionary(entry => entry["name"].ToString(), entry => entry["value"].ToString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["brokers"] = "broker.example:9092",
            ["authType"] = "none",
            ["initialOffset"] = "oldest",
        }, metadata);
    }

    [Fact]
    public async Task Starts_each_sidecar_with_daprds_own_flags_pointing_at_its_app()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        var hr = await SidecarFlagsAsync(model, "hr", basePort: 5100);
        var finance = await SidecarFlagsAsync(model, "finance", basePort: 5200);

        Assert.Equal("hr", hr["--app-id"]);
        Assert.Equal("5101", hr["--app-port"]);
        Assert.Equal("http", hr["--app-protocol"]);
        Assert.Equal("6102", hr["--dapr-http-port"]);
        Assert.Equal("6103", hr["--dapr-grpc-port"]);
        Assert.Equal("6104", hr["--metrics-port"]);
        // One resources path per run, shared by every sidecar, holding this run's component files.
        Assert.Equal(hr["--resources-path"], finance["--resources-path"]);
        Assert.True(File.Exists(Path.Combine(hr["--resources-path"], "pubsub.yaml")));
    }

    /// <summary>Allocates the app's and its sidecar's endpoints as the orchestrator would, then reads the sidecar's command line.</summary>
    private static async Task<Dictionary<string, string>> SidecarFlagsAsync(DistributedApplicationModel model, string app, int basePort)
    {
        var sidecar = model.Single<DaprSidecarResource>($"{app}-dapr");
        Allocate(model.Single<ProjectResource>(app), "http", basePort + 1, basePort + 1001);
        Allocate(sidecar, DaprSidecarResource.HttpEndpointName, basePort + 2, basePort + 1002);
        Allocate(sidecar, DaprSidecarResource.GrpcEndpointName, basePort + 3, basePort + 1003);
        Allocate(sidecar, DaprSidecarResource.MetricsEndpointName, basePort + 4, basePort + 1004);

        var arguments = await ArgumentsOf(sidecar);
        Assert.Equal(0, arguments.Count % 2);
        return Enumerable.Range(0, arguments.Count / 2).ToDictionary(i => arguments[2 * i], i => arguments[2 * i + 1]);
    }

    private static void Allocate(IResource resource, string endpointName, int port, int targetPort)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(annotation => annotation.Name == endpointName);
        endpoint.TargetPort = targetPort;
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port);
    }

    private static async Task<IReadOnlyList<string>> ArgumentsOf(IResource resource)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, CancellationToken.None);
        return configuration.Arguments.Select(argument => argument.Value).ToList();
    }
}
