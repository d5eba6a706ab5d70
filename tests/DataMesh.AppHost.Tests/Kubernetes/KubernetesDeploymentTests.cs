using System.Text.RegularExpressions;
using DataMesh.DataProducts.SqlPorts;
using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>
/// deploy/kubernetes is what the AppHost's publish-kubernetes step writes today, every object in it is valid for
/// its kind, and together they are the mesh: a Deployment, Service, settings and autoscaler per service, Dapr on
/// the pod templates, the edge alone behind an Ingress, and the infrastructure through operators.
/// </summary>
public sealed class KubernetesDeploymentTests
{
    private const string Regenerate =
        "dotnet run --project apphost/DataMesh.AppHost -- --operation publish --step publish-kubernetes --output-path ../../deploy/kubernetes";

    private static readonly string[] Services = ["catalog", "finance", "gateway", "hr", "marketing"];
    private static readonly string[] WithSidecar = ["catalog", "finance", "hr", "marketing"];
    private static readonly string[] Databases = ["catalog", "finance", "hr", "marketing", "mesh"];

    private static IReadOnlyList<KubernetesDocument> Committed => DeploymentFolder.Documents(DeploymentFolder.Committed);

    [Fact]
    public async Task Committed_deployment_is_what_the_publish_step_writes_now()
    {
        using var run = await KubernetesPublishRun.StartAsync();
        Assert.True(run.ExitCode == 0, $"The AppHost exited with {run.ExitCode}: {run.Reason}");

        var fresh = run.Files();
        var committed = DeploymentFolder.Read(DeploymentFolder.Committed);

        Assert.True(fresh.Keys.Order().SequenceEqual(committed.Keys.Order()),
            $"deploy/kubernetes holds {string.Join(", ", committed.Keys.Order())}, the step writes {string.Join(", ", fresh.Keys.Order())}. Regenerate it with: {Regenerate}");
        Assert.All(fresh, file => Assert.True(file.Value == committed[file.Key], $"deploy/kubernetes/{file.Key} is out of date. Regenerate it with: {Regenerate}"));
    }

    [Fact]
    public void Every_document_is_a_valid_object_of_its_kind()
    {
        var documents = Committed;

        Assert.Empty(documents.SelectMany(KubernetesObjectCheck.Problems));
        Assert.Equal(
            ["Cluster", "Component", "ConfigMap", "Configuration", "Database", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "Namespace", "Resiliency", "Service"],
            documents.Select(document => document.Kind).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_domain_writes_demo_data_and_no_service_believes_anyones_forwarded_headers_in_a_cluster()
    {
        var documents = Committed;

        foreach (var domain in new[] { "finance", "hr", "marketing" })
        {
            Assert.Equal("false", Single(documents, "ConfigMap", $"{domain}-settings").Map("data")[Microsoft.Extensions.Hosting.DemoDataSetting.EnvironmentVariable]);
        }

        // ASP.NET Core's switch would believe X-Forwarded-* from anyone: the gateway believes only its Edge:KnownProxies,
        // the catalog only the gateway (by its credential), the domains nobody.
        Assert.All(Services, service =>
            Assert.DoesNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", Single(documents, "ConfigMap", $"{service}-settings").Map("data").Keys));
    }

    [Fact]
    public void The_check_refuses_an_unknown_field_a_wrong_type_and_a_missing_required_field()
    {
        var deployment = DeploymentFolder.Parse("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replica: 2}\n").Single();
        var topic = DeploymentFolder.Parse("apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata: {name: x}\nspec: {partitions: '3', retention: 1, replicas: 0}\n").Single();
        var database = DeploymentFolder.Parse("apiVersion: postgresql.cnpg.io/v1\nkind: Database\nmetadata: {name: x}\nspec: {name: hr, cluster: {name: postgres}}\n").Single();
        var resiliency = DeploymentFolder.Parse(
            "apiVersion: dapr.io/v1alpha1\nkind: Resiliency\nmetadata: {name: x}\n" +
            "spec: {policies: {retries: {r: {policy: exponential, maxInterval: 10 seconds, maxRetry: 3}}}, targets: {components: {pubsub: {inbound: {retry: r}}}}}\n").Single();

        Assert.Contains("not a valid Deployment", Assert.Single(KubernetesObjectCheck.Problems(new("a.yaml", deployment))));
        Assert.Equal(
            [
                "b.yaml: KafkaTopic x: spec.partitions: must be an integer",
                "b.yaml: KafkaTopic x: spec.retention is not a field of this kind",
                "b.yaml: KafkaTopic x: spec.replicas: 0 is below the minimum 1",
            ],
            KubernetesObjectCheck.Problems(new("b.yaml", topic)));
        Assert.Equal(["c.yaml: Database x: spec.owner is required"], KubernetesObjectCheck.Problems(new("c.yaml", database)));
        // Under a key of the deployment's choosing (the policy 'r') the fields are checked all the same.
        Assert.Equal(
            [
                "d.yaml: Resiliency x: spec.policies.retries.*.maxInterval: '10 seconds' does not match ^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$",
                "d.yaml: Resiliency x: spec.policies.retries.*.maxRetry is not a field of this kind",
            ],
            KubernetesObjectCheck.Problems(new("d.yaml", resiliency)));
    }

    [Fact]
    public void Each_service_is_a_deployment_with_probes_resources_and_dapr_annotations_on_its_pod_template()
    {
        var documents = Committed;

        Assert.Equal(Services, Names(documents, "Deployment"));
        foreach (var name in Services)
        {
            var deployment = Single(documents, "Deployment", name);
            Assert.Equal("2", deployment.Text("spec", "replicas"));
            Assert.Null(deployment.Node("metadata", "annotations"));

            var container = (YamlMappingNode)Assert.Single(deployment.List("spec", "template", "spec", "containers"));
            var pod = new KubernetesDocument(deployment.File, container);
            Assert.Equal($"registry.example.com/datamesh/{name}:latest", pod.Text("image"));
            Assert.Equal("/alive", pod.Text("livenessProbe", "httpGet", "path"));
            Assert.Equal("/health", pod.Text("readinessProbe", "httpGet", "path"));
            Assert.Equal("http", pod.Text("readinessProbe", "httpGet", "port"));
            Assert.Equal(["cpu", "memory"], pod.Map("resources", "requests").Keys.Order());
            Assert.Equal(["cpu", "memory"], pod.Map("resources", "limits").Keys.Order());
            Assert.Equal($"{name}-settings", ((YamlMappingNode)Assert.Single(pod.List("envFrom")))["configMapRef"]["name"].ToString());
            Assert.Equal("8080", Single(documents, "ConfigMap", $"{name}-settings").Map("data")["HTTP_PORTS"]);

            var annotations = deployment.Map("spec", "template", "metadata", "annotations");
            if (WithSidecar.Contains(name))
            {
                Assert.Equal(new Dictionary<string, string>
                {
                    ["dapr.io/enabled"] = "true",
                    ["dapr.io/app-id"] = name,
                    ["dapr.io/app-port"] = "8080",
                    ["dapr.io/app-protocol"] = "http",
                    ["dapr.io/config"] = "datamesh",
                    // The injector gives daprd APP_API_TOKEN and DAPR_API_TOKEN from these Secrets (key "token")...
                    ["dapr.io/app-token-secret"] = $"{name}-app-api-token",
                    ["dapr.io/api-token-secret"] = $"{name}-dapr-api-token",
                    // daprd delivers only while the app's readiness passes, probed as in a run (DaprAppHealthCheck).
                    ["dapr.io/enable-app-health-check"] = "true",
                    ["dapr.io/app-health-check-path"] = "/health",
                    ["dapr.io/app-health-probe-interval"] = "5",
                    ["dapr.io/app-health-probe-timeout"] = "2000",
                    ["dapr.io/app-health-threshold"] = "3",
                }, annotations);

                // ... and the app reads the same two.
                var tokens = pod.List("env").Cast<YamlMappingNode>()
                    .Where(variable => variable["name"].ToString() is "APP_API_TOKEN" or "DAPR_API_TOKEN")
                    .ToDictionary(variable => variable["name"].ToString(), variable => $"{variable["valueFrom"]["secretKeyRef"]["name"]}/{variable["valueFrom"]["secretKeyRef"]["key"]}");
                Assert.Equal(new Dictionary<string, string>
                {
                    ["APP_API_TOKEN"] = $"{name}-app-api-token/token",
                    ["DAPR_API_TOKEN"] = $"{name}-dapr-api-token/token",
                }, tokens);
            }
            else
            {
                Assert.Empty(annotations);
            }

            var service = Single(documents, "Service", name);
            Assert.Equal(deployment.Map("spec", "template", "metadata", "labels")["app.kubernetes.io/name"], service.Map("spec", "selector")["app.kubernetes.io/name"]);

            var autoscaler = Single(documents, "HorizontalPodAutoscaler", name);
            Assert.Equal(name, autoscaler.Text("spec", "scaleTargetRef", "name"));
            Assert.Equal("2", autoscaler.Text("spec", "minReplicas"));
            Assert.Equal("10", autoscaler.Text("spec", "maxReplicas"));
        }
    }

    [Fact]
    public void Only_the_gateway_is_behind_an_ingress()
    {
        var ingress = Assert.Single(Committed, document => document.Kind == "Ingress");

        Assert.Equal("gateway", ingress.Name);
        var backend = ingress.Node("spec", "rules") is YamlSequenceNode rules
            ? rules[0]["http"]["paths"][0]["backend"]["service"]
            : null;
        Assert.Equal("gateway", backend?["name"].ToString());
        Assert.Equal("http", backend?["port"]["name"].ToString());
    }

    [Fact]
    public void Infrastructure_comes_from_the_operators_kafka_pubsub_and_a_database_per_domain()
    {
        var documents = Committed;

        Assert.Equal("kafka", Single(documents, "KafkaNodePool", "kafka-nodes").Map("metadata", "labels")["strimzi.io/cluster"]);
        Assert.Equal("kafka", Assert.Single(Names(documents, "Kafka")));

        var pubsub = Single(documents, "Component", "pubsub");
        Assert.Equal("pubsub.kafka", pubsub.Text("spec", "type"));
        var brokers = pubsub.List("spec", "metadata").Cast<YamlMappingNode>().Single(entry => entry["name"].ToString() == "brokers");
        Assert.Equal("kafka-kafka-bootstrap:9092", brokers["value"].ToString());
        Assert.Equal(WithSidecar, pubsub.List("scopes").Select(scope => scope.ToString()));
        var scopes = pubsub.List("spec", "metadata").Cast<YamlMappingNode>().ToDictionary(entry => entry["name"].ToString(), entry => entry["value"].ToString());
        // The catalog publishes the SQL grant changes and the consumers' replay topics only.
        Assert.StartsWith("catalog=catalog.sql-grants,finance.budgets.v1.marketing.campaigns.replay,", scopes["publishingScopes"]);
        Assert.Contains(";finance=finance.budgets.v1,", scopes["publishingScopes"]);
        Assert.Contains(";hr=hr.employees.v1,hr.headcount.v1;", scopes["publishingScopes"]);
        Assert.Contains(";hr=catalog.sql-grants;marketing=catalog.sql-grants,finance.budgets.v1,finance.budgets.v1.marketing.campaigns.replay,hr.headcount.v1,hr.headcount.v1.marketing.campaigns.replay", scopes["subscriptionScopes"]);
        Assert.Equal(scopes["allowedTopics"], scopes["protectedTopics"]);
        Assert.Equal("datamesh", Assert.Single(Names(documents, "Configuration")));

        var cluster = Single(documents, "Cluster", "postgres");
        Assert.Equal("false", cluster.Text("spec", "enableSuperuserAccess"));
        Assert.Equal(Databases, documents.Where(document => document.Kind == "Database").Select(database => database.Text("spec", "name")).Order());
        Assert.All(documents.Where(document => document.Kind == "Database"), database => Assert.Equal("postgres", database.Text("spec", "cluster", "name")));
    }

    [Fact]
    public void The_mesh_apps_retry_a_refused_event_for_about_two_minutes_before_dead_lettering_it()
    {
        var documents = Committed;

        var resiliency = Single(documents, "Resiliency", "pubsub-resiliency");
        Assert.Equal("dapr.yaml", resiliency.File);
        // Applied by the mesh's sidecars only, as the component is loaded by them only.
        Assert.Equal(WithSidecar, resiliency.List("scopes").Select(scope => scope.ToString()));
        Assert.Equal(Single(documents, "Component", "pubsub").List("scopes").Select(scope => scope.ToString()), resiliency.List("scopes").Select(scope => scope.ToString()));
        Assert.Equal("pubsub-inbound", resiliency.Text("spec", "targets", "components", "pubsub", "inbound", "retry"));
        Assert.Equal(new Dictionary<string, string> { ["policy"] = "exponential", ["maxInterval"] = "10s", ["maxRetries"] = "18" },
            resiliency.Map("spec", "policies", "retries", "pubsub-inbound"));
        Assert.Null(resiliency.Node("spec", "targets", "components", "pubsub", "outbound"));
    }

    [Fact]
    public void Each_service_signs_in_to_postgres_as_the_managed_role_that_owns_its_database_only()
    {
        var documents = Committed;
        var cluster = Single(documents, "Cluster", "postgres");
        var roles = cluster.List("spec", "managed", "roles").Cast<YamlMappingNode>().ToList();
        var owners = roles.Where(role => role["name"].ToString() != "mesh_provisioner").ToList();
        Assert.Equal(Databases, owners.Select(role => role["name"].ToString()).Order());
        Assert.All(owners, role =>
        {
            Assert.Equal("true", role["login"].ToString());
            Assert.Equal("present", role["ensure"].ToString());
            Assert.Equal($"{role["name"]}-db-password", ((YamlMappingNode)role["passwordSecret"])["name"].ToString());
            Assert.False(role.Children.ContainsKey("createrole"));
        });
        Assert.All(documents.Where(document => document.Kind == "Database"), database => Assert.Equal(database.Text("spec", "name"), database.Text("spec", "owner")));
        // Each owner signs in to the database of its own name only, the provisioner to the mesh database only.
        Assert.Equal(
            ["host samerole catalog,finance,hr,marketing,mesh all scram-sha-256", "host mesh mesh_provisioner all scram-sha-256",
             "host all catalog,finance,hr,marketing,mesh,mesh_provisioner all reject"],
            cluster.List("spec", "postgresql", "pg_hba").Select(line => line.ToString()));

        foreach (var (service, database) in new[] { ("catalog", "catalog"), ("finance", "finance"), ("hr", "hr"), ("marketing", "marketing") })
        {
            var deployment = Single(documents, "Deployment", service);
            var variable = $"{database.ToUpperInvariant()}_DB_PASSWORD";
            Assert.Equal(
                $"Host=postgres-rw;Port=5432;Username={database};Password=$({variable});Database={database}",
                EnvironmentOf(deployment)[$"ConnectionStrings__{service}-db"]);
            var container = (YamlMappingNode)deployment.List("spec", "template", "spec", "containers")[0];
            var secretReferences = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>()
                .Where(entry => entry.Children.ContainsKey("valueFrom"))
                .ToDictionary(entry => entry["name"].ToString(), entry => (YamlMappingNode)((YamlMappingNode)entry["valueFrom"])["secretKeyRef"]);
            Assert.Equal($"{database}-db-password", secretReferences[variable]["name"].ToString());
            Assert.Equal("password", secretReferences[variable]["key"].ToString());
            Assert.DoesNotContain(secretReferences.Values, reference => reference["name"].ToString() == "postgres-superuser");
        }
    }

    [Fact]
    public void The_mesh_database_has_postgres_fdw_for_its_owner_and_the_provisioner_may_only_call_its_functions_and_analytics_reads_go_to_the_read_only_service()
    {
        var documents = Committed;
        var cluster = Single(documents, "Cluster", "postgres");
        var provisioner = Assert.Single(cluster.List("spec", "managed", "roles").Cast<YamlMappingNode>(), role => role["name"].ToString() == "mesh_provisioner");
        Assert.Equal("true", provisioner["login"].ToString());
        Assert.Equal("mesh-provisioner-password", ((YamlMappingNode)provisioner["passwordSecret"])["name"].ToString());
        Assert.DoesNotContain("superuser", provisioner.Children.Keys.Select(key => key.ToString()));
        Assert.DoesNotContain("createdb", provisioner.Children.Keys.Select(key => key.ToString()));
        Assert.DoesNotContain("createrole", provisioner.Children.Keys.Select(key => key.ToString()));
        // The operator's one superuser moment, its bootstrap, makes the mesh database first and the provisioner's functions in it.
        Assert.Equal(("mesh", "mesh"), (cluster.Text("spec", "bootstrap", "initdb", "database"), cluster.Text("spec", "bootstrap", "initdb", "owner")));
        Assert.Equal(ConsumerLoginFunctions.Statements("mesh_login_creator", "mesh_provisioner", SqlPortConnections.ConsumersGroupRole),
            cluster.List("spec", "bootstrap", "initdb", "postInitApplicationSQL").Select(statement => ((YamlScalarNode)statement).Value));

        var mesh = Single(documents, "Database", "postgres-mesh");
        var extension = (YamlMappingNode)Assert.Single(mesh.List("spec", "extensions"));
        Assert.Equal(("postgres_fdw", "present"), (extension["name"].ToString(), extension["ensure"].ToString()));
        var wrapper = (YamlMappingNode)Assert.Single(mesh.List("spec", "fdws"));
        Assert.Equal("postgres_fdw", wrapper["name"].ToString());
        var usage = (YamlMappingNode)Assert.Single((YamlSequenceNode)wrapper["usage"]);
        Assert.Equal(("mesh", "grant"), (usage["name"].ToString(), usage["type"].ToString()));
        Assert.All(documents.Where(document => document.Kind == "Database" && document.Name != "postgres-mesh"),
            database => Assert.Empty(database.List("spec", "extensions")));

        // The catalog alone gets the mesh connections; its foreign servers read from the standbys (CloudNativePG's -ro Service).
        var catalog = Single(documents, "Deployment", "catalog");
        Assert.Equal("Host=postgres-rw;Port=5432;Username=mesh;Password=$(MESH_DB_PASSWORD);Database=mesh", EnvironmentOf(catalog)["ConnectionStrings__mesh-db"]);
        Assert.Equal("Host=postgres-rw;Port=5432;Username=mesh_provisioner;Password=$(MESH_PROVISIONER_PASSWORD);Database=mesh", EnvironmentOf(catalog)["ConnectionStrings__mesh-provisioner"]);
        Assert.Equal("postgres-ro", Single(documents, "ConfigMap", "catalog-settings").Map("data")["Catalog__Mesh__ReadHost"]);
        foreach (var domain in new[] { "finance", "hr", "marketing", "gateway" })
        {
            Assert.DoesNotContain(EnvironmentOf(Single(documents, "Deployment", domain)).Keys, key => key.Contains("mesh", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_secret_value_is_written_only_references_to_secrets()
    {
        var documents = Committed;

        Assert.DoesNotContain(documents, document => document.Kind == "Secret");
        var texts = DeploymentFolder.Read(DeploymentFolder.Committed).Values;
        Assert.All(texts, text => Assert.DoesNotMatch(new Regex(@"Password=(?!\$\()", RegexOptions.IgnoreCase), text));
        var referenced = texts.SelectMany(text => Regex.Matches(text, @"secretKeyRef:\s+key: (\S+)\s+name: (\S+)").Select(match => $"{match.Groups[2].Value}/{match.Groups[1].Value}")).Distinct();
        // Each database owner's password, one key per domain team (a forked domain adds its own), one credential per
        // service that calls the catalog, and Dapr's two tokens per app with a sidecar; the superuser's is no service's business.
        Assert.DoesNotContain("postgres-superuser/password", referenced);
        Assert.Subset(referenced.ToHashSet(), Databases.Select(database => $"{database}-db-password/password")
            .Concat(["finance-team-key/value", "hr-team-key/value", "marketing-team-key/value"])
            .Concat(["gateway-service-credential/value", "hr-service-credential/value", "catalog-app-api-token/token", "hr-dapr-api-token/token"]).ToHashSet());
        Assert.All(referenced, secret => Assert.Matches("^[a-z0-9-]+-(team-key/value|service-credential/value|app-api-token/token|dapr-api-token/token|db-password/password|provisioner-password/password|admin-password/value)$", secret));
    }

    [Fact]
    public void Every_reference_between_objects_names_an_object_of_the_deployment()
    {
        var documents = Committed;
        var names = documents.Select(document => $"{document.Kind}/{document.Name}").ToHashSet();

        foreach (var deployment in documents.Where(document => document.Kind == "Deployment"))
        {
            Assert.Equal(deployment.Map("spec", "selector", "matchLabels")["app.kubernetes.io/name"], deployment.Map("spec", "template", "metadata", "labels")["app.kubernetes.io/name"]);
            Assert.Contains($"ConfigMap/{deployment.Name}-settings", names);
            if (deployment.Map("spec", "template", "metadata", "annotations").GetValueOrDefault("dapr.io/config") is { } configuration)
            {
                Assert.Contains($"Configuration/{configuration}", names);
            }
        }

        Assert.All(documents.Where(document => document.Kind == "HorizontalPodAutoscaler"), autoscaler => Assert.Contains($"Deployment/{autoscaler.Text("spec", "scaleTargetRef", "name")}", names));
        Assert.All(documents.Where(document => document.Kind is "KafkaNodePool" or "KafkaTopic"), pool => Assert.Contains($"Kafka/{pool.Map("metadata", "labels")["strimzi.io/cluster"]}", names));
        Assert.All(documents.Where(document => document.Kind == "Database"), database => Assert.Contains($"Cluster/{database.Text("spec", "cluster", "name")}", names));
        Assert.All(documents.Where(document => document.Kind == "Ingress"), ingress => Assert.Contains($"Service/{ingress.Name}", names));
        Assert.All(documents.Where(document => document.Kind == "Resiliency"), resiliency =>
        {
            var retries = ((YamlMappingNode)resiliency.Node("spec", "policies", "retries")!).Children.Keys.Select(key => key.ToString()).ToHashSet();
            foreach (var (component, policies) in (YamlMappingNode)resiliency.Node("spec", "targets", "components")!)
            {
                Assert.Contains($"Component/{component}", names);
                Assert.Contains(((YamlMappingNode)policies)["inbound"]["retry"].ToString(), retries);
            }
        });
    }

    [Fact]
    public async Task Kubectl_kustomize_renders_the_deployment_into_its_namespace()
    {
        var documents = Committed;

        var rendered = DeploymentFolder.Parse(await Kustomize.RenderAsync(DeploymentFolder.Committed))
            .Select(root => new KubernetesDocument("kustomize", root)).ToList();

        Assert.Equal(documents.Select(document => $"{document.Kind}/{document.Name}").Order(), rendered.Select(document => $"{document.Kind}/{document.Name}").Order());
        Assert.All(rendered.Where(document => document.Kind != "Namespace"), document => Assert.Equal("datamesh", document.Text("metadata", "namespace")));
    }

    [Fact]
    public async Task The_statefulset_option_deploys_postgres_without_the_operator()
    {
        using var run = await KubernetesPublishRun.StartAsync("--Kubernetes:Postgres=statefulset");
        Assert.True(run.ExitCode == 0, $"The AppHost exited with {run.ExitCode}: {run.Reason}");
        var documents = DeploymentFolder.Documents(run.Output);

        Assert.Empty(documents.SelectMany(KubernetesObjectCheck.Problems));
        Assert.DoesNotContain(documents, document => document.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal));
        var statefulSet = Single(documents, "StatefulSet", "postgres");
        Assert.Equal("docker.io/library/postgres:18.3", ((YamlMappingNode)statefulSet.List("spec", "template", "spec", "containers")[0])["image"].ToString());
        Assert.Equal("data", ((YamlMappingNode)Assert.Single(statefulSet.List("spec", "volumeClaimTemplates")))["metadata"]["name"].ToString());
        var init = Single(documents, "ConfigMap", "postgres-init").Map("data")["databases.sh"];
        Assert.All(Databases, database =>
        {
            Assert.Contains($"-v {database}_password=\"${database.ToUpperInvariant()}_DB_PASSWORD\"", init, StringComparison.Ordinal);
            Assert.Contains($"CREATE ROLE \"{database}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'{database}_password';\n" +
                $"CREATE DATABASE \"{database}\" OWNER \"{database}\";\nREVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC;\n", init, StringComparison.Ordinal);
        });
        var postgresEnvironment = ((YamlSequenceNode)((YamlMappingNode)statefulSet.List("spec", "template", "spec", "containers")[0])["env"]).Cast<YamlMappingNode>()
            .Select(entry => entry["name"].ToString());
        Assert.Subset(postgresEnvironment.ToHashSet(), Databases.Select(database => $"{database.ToUpperInvariant()}_DB_PASSWORD").ToHashSet());
        Assert.Equal("5432", ((YamlMappingNode)Single(documents, "Service", "postgres").List("spec", "ports")[0])["port"].ToString());
        // The mesh's SQL access, as the AppHost makes it, and CloudNativePG's read-only Service by name on the one instance.
        Assert.Contains("-v mesh_provisioner_password=\"$MESH_PROVISIONER_PASSWORD\"", init, StringComparison.Ordinal);
        Assert.Contains("\\connect \"mesh\"\nCREATE EXTENSION IF NOT EXISTS postgres_fdw;\nGRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO \"mesh\";\n", init, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE \"mesh_provisioner\" LOGIN NOCREATEROLE NOSUPERUSER NOCREATEDB PASSWORD :'mesh_provisioner_password';\nGRANT CONNECT ON DATABASE \"mesh\" TO \"mesh_provisioner\";\n", init, StringComparison.Ordinal);
        Assert.Contains(string.Concat(ConsumerLoginFunctions.Statements("mesh_login_creator", "mesh_provisioner", SqlPortConnections.ConsumersGroupRole)
            .Select(statement => statement + ";\n")), init, StringComparison.Ordinal);
        Assert.Contains("MESH_PROVISIONER_PASSWORD", postgresEnvironment);
        var readOnly = Single(documents, "Service", "postgres-ro");
        Assert.Equal("postgres", readOnly.Map("spec", "selector")["app.kubernetes.io/name"]);
        Assert.Equal("postgres-ro", Single(documents, "ConfigMap", "catalog-settings").Map("data")["Catalog__Mesh__ReadHost"]);
        Assert.Equal(
            "Host=postgres;Port=5432;Username=hr;Password=$(HR_DB_PASSWORD);Database=hr",
            EnvironmentOf(Single(documents, "Deployment", "hr"))["ConnectionStrings__hr-db"]);
        Assert.NotEmpty(await Kustomize.RenderAsync(run.Output));
    }

    [Fact]
    public async Task A_bad_setting_stops_the_step_naming_the_setting_and_writes_nothing()
    {
        using var run = await KubernetesPublishRun.StartAsync("--Kubernetes:Replicas=two");

        Assert.True(run.Failed, $"Exit code {run.ExitCode}: {run.Log}");
        Assert.Equal("Aspire.Hosting.DistributedApplicationException: Kubernetes:Replicas is 'two'; it must be a whole number of at least 1.", run.Reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(run.Output));
    }

    private static IReadOnlyList<string> Names(IEnumerable<KubernetesDocument> documents, string kind) =>
        documents.Where(document => document.Kind == kind).Select(document => document.Name).Order(StringComparer.Ordinal).ToList();

    private static KubernetesDocument Single(IEnumerable<KubernetesDocument> documents, string kind, string name) =>
        Assert.Single(documents, document => document.Kind == kind && document.Name == name);

    /// <summary>The container's own variables (those holding secret references), by name.</summary>
    private static Dictionary<string, string> EnvironmentOf(KubernetesDocument deployment) =>
        ((YamlMappingNode)deployment.List("spec", "template", "spec", "containers")[0])["env"] is YamlSequenceNode env
            ? env.Children.Cast<YamlMappingNode>()
                .Where(variable => variable.Children.ContainsKey(new YamlScalarNode("value")))
                .ToDictionary(variable => variable["name"].ToString(), variable => variable["value"].ToString())
            : [];
}
