using Aspire.Hosting.Dapr;
using Microsoft.Extensions.Hosting;
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
        Assert.Equal(["catalog", "finance", "hr", "marketing", "mesh"], postgres.Databases.Select(database => database.DatabaseName).Order());
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            postgres.ConnectionStringExpression.ValueExpression);
        Assert.True(model.Single<ParameterResource>("postgres-password").Secret);

        var arguments = await postgres.ArgumentsOf();
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
    public async Task Takes_kafka_from_the_connection_string_and_waits_for_its_databases_not_for_the_broker()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        Assert.Empty(model.Resources.OfType<KafkaServerResource>());
        Assert.Equal("broker.example:9092", model.Single<ExternalKafkaResource>(MeshInfrastructureExtensions.KafkaName).BootstrapServers);
        var pubsub = model.Single<DaprComponentResource>("pubsub");
        Assert.Equal("broker.example:9092", await pubsub.Metadata.Single(entry => entry.Name == "brokers").Value.GetValueAsync(CancellationToken.None));
        Assert.Equal(["hr-db", "postgres"], model.Single<ProjectResource>("hr").WaitsOf());
        // Each sidecar waits for its app's health, not for the broker: the stand-in needs none (LocalKafkaHealthTests).
        Assert.All(model.Resources.OfType<DaprSidecarResource>(), sidecar => Assert.Equal([sidecar.AppId], sidecar.WaitsOf()));
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

        var hr = await model.SidecarFlagsAsync("hr", basePort: 5100);
        var finance = await model.SidecarFlagsAsync("finance", basePort: 5200);

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

    [Fact]
    public async Task Each_sidecar_delivers_only_while_its_app_passes_daprds_health_check_on_the_apps_readiness_path()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        foreach (var (app, index) in new[] { "catalog", "finance", "hr", "marketing" }.Select((app, index) => (app, index)))
        {
            var flags = await model.SidecarFlagsAsync(app, basePort: 7000 + (100 * index));

            Assert.Equal(new Dictionary<string, string>
            {
                // One token each, as daprd's boolean flag needs.
                ["--enable-app-health-check"] = "true",
                ["--app-health-check-path"] = ServiceDefaultsExtensions.HealthPath,
                ["--app-health-probe-interval"] = "5",
                ["--app-health-probe-timeout"] = "2000",
                ["--app-health-threshold"] = "3",
            }, flags.Where(flag => flag.Key.StartsWith("--enable-app-health", StringComparison.Ordinal) || flag.Key.StartsWith("--app-health", StringComparison.Ordinal)).ToDictionary());
        }
    }

    [Fact]
    public async Task Writes_the_pubsub_resiliency_beside_the_component_retrying_for_about_two_minutes_then_dead_lettering()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var model = appHost.Model;

        var flags = await model.SidecarFlagsAsync("hr", basePort: 5300);

        var file = Path.Combine(flags["--resources-path"], "pubsub-resiliency.yaml");
        Assert.True(File.Exists(file), $"No {file}: the sidecars would dead-letter an event on its first refusal.");
        var root = await AppHostModel.ReadYamlAsync(file);
        Assert.Equal("dapr.io/v1alpha1", root["apiVersion"].ToString());
        Assert.Equal("Resiliency", root["kind"].ToString());
        Assert.Equal("pubsub-resiliency", root["metadata"]["name"].ToString());
        // Retries apply to deliveries from the pub/sub to the app (inbound), not to publishing.
        var target = (YamlMappingNode)root["spec"]["targets"]["components"]["pubsub"];
        Assert.Equal(["inbound"], target.Children.Keys.Select(key => key.ToString()));
        var retry = (YamlMappingNode)root["spec"]["policies"]["retries"][target["inbound"]["retry"].ToString()];
        Assert.Equal("exponential", retry["policy"].ToString());

        // daprd's exponential backoff (dapr/kit retry, on cenkalti/backoff): waits from 0.5 s, each 1.5 times the last up to
        // maxInterval, each drawn within ±50 %. Even the shortest draws outlast a database restart of 20 s three times over;
        // on average the retries take about two minutes, then the event goes to its dead-letter topic.
        var maxInterval = TimeSpan.Parse("00:00:" + retry["maxInterval"].ToString().TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
        var maxRetries = int.Parse(retry["maxRetries"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var waits = Enumerable.Range(0, maxRetries).Select(i => Math.Min(0.5 * Math.Pow(1.5, i), maxInterval.TotalSeconds)).ToList();
        Assert.InRange(waits.Sum() * 0.5, 60, double.MaxValue);
        Assert.InRange(waits.Sum(), 100, 150);
    }
}
