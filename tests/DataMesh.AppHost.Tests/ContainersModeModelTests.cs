using Aspire.Hosting.Postgres;

namespace DataMesh.AppHost.Tests;

/// <summary>The composition users run with Docker and Dapr: what is in the model, and how it is wired.</summary>
public sealed class ContainersModeModelTests
{
    private static readonly string[] Services = ["catalog", "finance", "gateway", "hr", "marketing"];
    private static readonly string[] Domains = ["finance", "hr", "marketing"];

    [Fact]
    public async Task Holds_postgres_with_a_database_per_domain_and_the_catalog_a_volume_and_a_ui()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;

        var postgres = model.Single<PostgresServerResource>("postgres");
        Assert.Contains(postgres.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume && mount.Target!.StartsWith("/var/lib/postgresql", StringComparison.Ordinal));
        Assert.Equal(
            ["catalog", "finance", "hr", "marketing", "mesh"],
            model.Resources.OfType<PostgresDatabaseResource>().Select(database => database.DatabaseName).Order());
        Assert.All(model.Resources.OfType<PostgresDatabaseResource>(), database => Assert.Same(postgres, database.Parent));
        Assert.Contains(model.Resources.OfType<PgWebContainerResource>(), ui => ui.Name == "pgweb");
    }

    [Fact]
    public async Task Each_service_connects_as_the_role_that_owns_its_database_and_never_gets_the_superuser()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;
        var superuserPassword = model.Single<PostgresServerResource>("postgres").PasswordParameter;

        foreach (var service in new[] { "catalog", "finance", "hr", "marketing" })
        {
            var connection = model.Single<ConnectionStringResource>($"{service}-db");
            Assert.Equal(
                $"Host={{postgres.bindings.tcp.host}};Port={{postgres.bindings.tcp.port}};Username={service};Password={{{service}-db-password.value}};Database={service}",
                connection.ConnectionStringExpression.ValueExpression);
            var password = model.Single<ParameterResource>($"{service}-db-password");
            Assert.True(password.Secret);
            Assert.Contains("postgres", connection.WaitsOf());
            Assert.Contains(connection.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key == $"{service}-db_owner_check");

            var database = model.Single<PostgresDatabaseResource>($"postgres-{service}");
            Assert.Equal(service, database.DatabaseName);
            var owner = database.Annotations.OfType<DatabaseOwnerAnnotation>().Single();
            Assert.Equal(service, owner.Role);
            Assert.Same(password, owner.Password);

            Assert.Empty(await model.Single<ProjectResource>(service).PostgresSuperuserIn(superuserPassword));
        }
    }

    [Fact]
    public async Task Holds_a_kraft_kafka_broker_with_host_and_internal_listeners_and_a_kafka_ui()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;

        var kafka = model.Single<KafkaServerResource>("kafka");
        var image = kafka.Annotations.OfType<ContainerImageAnnotation>().Single();
        Assert.Equal("confluentinc/confluent-local", image.Image);
        Assert.Equal(
            [(KafkaServerResource.InternalEndpointName, 9093), (KafkaServerResource.PrimaryEndpointName, 9092)],
            kafka.Annotations.OfType<EndpointAnnotation>().Select(endpoint => (endpoint.Name, endpoint.TargetPort ?? 0)).Order());
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", kafka.ConnectionStringExpression.ValueExpression);
        Assert.Contains(kafka.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key == "kafka_check");

        var ui = model.Single<KafkaUIContainerResource>("kafka-ui");
        Assert.Equal(["kafka"], ui.WaitsOf());
    }

    [Fact]
    public async Task The_pubsub_is_kafka_and_every_service_but_the_gateway_has_a_sidecar_waiting_for_the_broker()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;

        var pubsub = model.Single<DaprComponentResource>("pubsub");
        Assert.Equal("pubsub.kafka", pubsub.Type);
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", pubsub.Metadata.Single(entry => entry.Name == "brokers").Value.ValueExpression);

        var sidecars = model.Resources.OfType<DaprSidecarResource>().ToList();
        Assert.Equal(["catalog-dapr", "finance-dapr", "hr-dapr", "marketing-dapr"], sidecars.Select(sidecar => sidecar.Name).Order());
        Assert.All(sidecars, sidecar =>
        {
            Assert.Equal(["pubsub"], sidecar.Components.Select(component => component.Name));
            Assert.Equal(new[] { sidecar.AppId, "kafka" }.Order(), sidecar.WaitsOf());
            Assert.Contains(sidecar.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key.Contains("/v1.0/healthz", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Each_sidecar_starts_once_its_app_is_healthy_and_no_app_waits_for_its_sidecar()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;

        foreach (var sidecar in model.Resources.OfType<DaprSidecarResource>())
        {
            var app = model.Single<ProjectResource>(sidecar.AppId);
            Assert.Same(sidecar, app.Annotations.OfType<DaprSidecarAnnotation>().Single().Sidecar);
            // Healthy, not merely started: daprd reads the app's subscriptions once, so the app must be ready (its database
            // migrated) when daprd first finds it.
            var wait = Assert.Single(sidecar.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == app);
            Assert.Equal(WaitType.WaitUntilHealthy, wait.WaitType);
            Assert.Contains(app.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key.Contains("/health", StringComparison.Ordinal));
            // The other way round would be a deadlock: nothing the app starts with waits for its sidecar.
            Assert.DoesNotContain(sidecar.Name, app.WaitsOf());
        }
    }

    [Fact]
    public async Task Each_sidecar_loads_the_pubsub_and_its_resiliency_from_the_runs_resources_path()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;
        // The broker's address, as the orchestrator would allocate it, for the component's brokers entry.
        foreach (var endpoint in new[] { KafkaServerResource.PrimaryEndpointName, KafkaServerResource.InternalEndpointName }.Select((name, index) => (name, index)))
        {
            model.Single<KafkaServerResource>("kafka").Allocate(endpoint.name, 9092 + endpoint.index, 9092 + endpoint.index);
        }

        var flags = await model.SidecarFlagsAsync("marketing", basePort: 5400);

        Assert.Equal(
            ["pubsub-resiliency.yaml", "pubsub.yaml"],
            Directory.EnumerateFiles(flags["--resources-path"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The same document as in local mode (LocalModeModelTests reads it whole).
        var resiliency = await AppHostModel.ReadYamlAsync(Path.Combine(flags["--resources-path"], "pubsub-resiliency.yaml"));
        Assert.Equal("Resiliency", resiliency["kind"].ToString());
        Assert.Equal("pubsub-inbound", resiliency["spec"]["targets"]["components"]["pubsub"]["inbound"]["retry"].ToString());
        Assert.Equal("18", resiliency["spec"]["policies"]["retries"]["pubsub-inbound"]["maxRetries"].ToString());
    }

    [Fact]
    public async Task Each_domain_references_and_waits_for_its_own_database_only_and_is_routed_by_the_gateway()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;

        foreach (var domain in Domains)
        {
            var project = model.Single<ProjectResource>(domain);
            // Its connection string is healthy once the role signs in to its database, which needs the server up.
            Assert.Equal([$"{domain}-db"], project.WaitsOf());
            Assert.Equal(["catalog", $"{domain}-db", $"{domain}-service-credential"], project.ReferencesOf());
            Assert.Equal($"{domain}-dapr", project.Annotations.OfType<DaprSidecarAnnotation>().Single().Sidecar.Name);
            Assert.DoesNotContain(project.ReferencesOf(), name => Domains.Contains(name) || (name.EndsWith("-db", StringComparison.Ordinal) && name != $"{domain}-db"));
        }

        var catalog = model.Single<ProjectResource>("catalog");
        Assert.Equal(["catalog-db", "mesh-db", "mesh-provisioner"], catalog.WaitsOf());
        Assert.All(Services, name => Assert.Contains(model.Single<ProjectResource>(name).Annotations.OfType<HealthCheckAnnotation>(), check => check.Key.Contains("/health", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_gateway_is_the_one_external_entry_on_port_8080_and_waits_for_what_it_routes_to()
    {
        await using var appHost = await AppHostModel.BuildAsync();
        var model = appHost.Model;

        var external = model.Resources.OfType<IResourceWithEndpoints>()
            .Where(resource => resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal))
            .Select(resource => resource.Name);
        Assert.Equal(["gateway"], external);

        var gateway = model.Single<ProjectResource>("gateway");
        Assert.Equal(8080, gateway.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http").Port);
        Assert.Equal(["catalog", "finance", "hr", "marketing"], gateway.WaitsOf());
    }

    [Fact]
    public async Task The_gateway_port_comes_from_configuration()
    {
        await using var appHost = await AppHostModel.BuildAsync("--Mesh:Gateway:Port=9191");
        var model = appHost.Model;

        var gateway = model.Single<ProjectResource>("gateway");
        Assert.Equal(9191, gateway.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http").Port);
    }
}
