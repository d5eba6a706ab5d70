using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Dapr;
using DataMesh.DataProducts.SqlPorts;
using k8s.Models;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// Reads the AppHost's model (containers mode) and lays it out for a cluster: each project a Deployment, Service,
/// settings ConfigMap and autoscaler (its sidecar as Dapr annotations on the pod template), the external one an
/// Ingress; PostgreSQL through CloudNativePG or a StatefulSet; Kafka and its topics through Strimzi; the Dapr
/// components, their Resiliency and the configuration. What the model does not say comes from <see cref="KubernetesPublishOptions"/>.
/// </summary>
public sealed class KubernetesManifestBuilder
{
    public const int ContainerPort = 8080;
    public const int ServicePort = 80;
    private const string HttpEndpoint = "http";
    private const string NameLabel = "app.kubernetes.io/name";
    private const string PartOfLabel = "app.kubernetes.io/part-of";
    private const string PartOf = "datamesh";
    private const int PostgresPort = 5432;
    private const string PostgresEndpoint = "tcp";
    private const int PostgresInstances = 3;
    private const string PostgresStorage = "10Gi";
    private const string KafkaStorage = "20Gi";

    private readonly DistributedApplicationModel _model;
    private readonly DistributedApplicationExecutionContext _executionContext;
    private readonly KubernetesPublishOptions _options;
    private readonly IReadOnlyList<OutputPortTopic> _topics;
    private readonly PostgresServerResource? _postgres;
    private readonly IReadOnlyList<(string Database, DatabaseOwnerAnnotation Owner)> _databases;
    private readonly MeshSqlAccessAnnotation? _sqlAccess;
    private readonly KafkaServerResource? _kafka;
    private readonly ManifestExpressions _expressions;

    public KubernetesManifestBuilder(
        DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext,
        KubernetesPublishOptions options,
        IReadOnlyList<OutputPortTopic> topics)
    {
        _model = model;
        _executionContext = executionContext;
        _options = options;
        _topics = topics;
        RefuseWhatHasNoKubernetesForm(model);
        _postgres = model.Resources.OfType<PostgresServerResource>().SingleOrDefault();
        _databases = OwnedDatabases(model, _postgres);
        _sqlAccess = _postgres?.Annotations.OfType<MeshSqlAccessAnnotation>().SingleOrDefault();
        _kafka = model.Resources.OfType<KafkaServerResource>().SingleOrDefault();
        _expressions = new ManifestExpressions(model, AddressOf, SecretOf);
    }

    public async Task<KubernetesManifest> BuildAsync(CancellationToken cancellationToken)
    {
        var files = new List<KubernetesManifestFile>
        {
            new("namespace.yaml", [new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = Metadata(_options.Namespace) }]),
            new("dapr.yaml", [DaprKubernetes.Configuration(), .. Components()]),
        };

        if (_kafka is not null)
        {
            files.Add(new("kafka.yaml", [StrimziKafka.Cluster(_kafka.Name, _options.KafkaBrokers), StrimziKafka.NodePool(_kafka.Name, _options.KafkaBrokers, KafkaStorage)]));
            if (_topics.Count > 0)
            {
                files.Add(new("kafka-topics.yaml", _topics.Select(topic => (object)StrimziKafka.Topic(_kafka.Name, topic, _options.KafkaBrokers)).ToList()));
            }
        }

        if (_postgres is not null)
        {
            files.Add(new("postgres.yaml", await PostgresAsync(_postgres, cancellationToken).ConfigureAwait(false)));
        }

        foreach (var project in _model.Resources.OfType<ProjectResource>().Where(project => !project.IsExcludedFromPublish()).OrderBy(project => project.Name, StringComparer.Ordinal))
        {
            files.Add(new($"{project.Name}.yaml", await WorkloadAsync(project, cancellationToken).ConfigureAwait(false)));
        }

        return new KubernetesManifest(_options.Namespace, files);
    }

    /// <summary>A resource the step does not know would be left out silently; stop instead, naming it.</summary>
    private static void RefuseWhatHasNoKubernetesForm(DistributedApplicationModel model)
    {
        if (model.Resources.OfType<LocalPostgresServerResource>().Any())
        {
            throw new DistributedApplicationException(
                "The Kubernetes manifests are published from the containers-mode model; remove Mesh:Infrastructure=local from the publish command.");
        }

        var unknown = model.Resources
            .Where(resource => !resource.IsExcludedFromPublish())
            .Where(resource => resource is not (ProjectResource or DaprSidecarResource or DaprComponentResource or ParameterResource
                or PostgresServerResource or PostgresDatabaseResource or ConnectionStringResource or KafkaServerResource))
            .Select(resource => $"{resource.Name} ({resource.GetType().Name})")
            .ToList();
        if (unknown.Count > 0)
        {
            throw new DistributedApplicationException(
                $"The Kubernetes publish step does not know how to deploy: {string.Join(", ", unknown)}. Teach apphost/DataMesh.Hosting/Kubernetes, or exclude them from publishing.");
        }
    }

    private async Task<List<object>> WorkloadAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        var endpoints = project.Annotations.OfType<EndpointAnnotation>().ToList();
        if (endpoints.Any(endpoint => endpoint.Name != HttpEndpoint))
        {
            throw new DistributedApplicationException(
                $"{project.Name}: only an 'http' endpoint can be deployed; it has {string.Join(", ", endpoints.Select(endpoint => endpoint.Name))}.");
        }

        var name = project.Name;
        var labels = new Dictionary<string, string> { [NameLabel] = name, [PartOfLabel] = PartOf };
        var (settings, env) = await EnvironmentAsync(project, cancellationToken).ConfigureAwait(false);
        if (_sqlAccess is not null && _postgres is not null && env.Any(variable => variable.Name == $"ConnectionStrings__{SqlPortConnections.MeshDatabase}"))
        {
            // The mesh database's foreign servers read the domains' ports from the standbys, never loading the primary.
            settings[CatalogSettingKeys.MeshReadHost.Replace(":", "__", StringComparison.Ordinal)] = ReadOnlyService(_postgres.Name);
        }

        var sidecar = project.Annotations.OfType<DaprSidecarAnnotation>().SingleOrDefault()?.Sidecar;

        var container = new V1Container
        {
            Name = name,
            Image = $"{_options.ImageRegistry}/{name}:{_options.ImageTag}",
            Ports = [new V1ContainerPort { Name = HttpEndpoint, ContainerPort = ContainerPort }],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{name}-settings" } }],
            Env = env.Count > 0 ? env : null,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
            },
            // ServiceDefaults maps both: /alive checks the process only, /health every dependency too.
            LivenessProbe = Probe(ServiceDefaultsExtensions.AlivePath, failureThreshold: 3),
            ReadinessProbe = Probe(ServiceDefaultsExtensions.HealthPath, failureThreshold: 3),
            StartupProbe = Probe(ServiceDefaultsExtensions.AlivePath, failureThreshold: 30),
        };

        var objects = new List<object>
        {
            new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Metadata($"{name}-settings", labels), Data = settings },
            new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = Metadata(name, labels),
                Spec = new V1DeploymentSpec
                {
                    Replicas = _options.Replicas,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NameLabel] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        // The Dapr injector reads its annotations from the pod, so they belong to the template.
                        Metadata = new V1ObjectMeta
                        {
                            Labels = labels,
                            Annotations = sidecar is null ? null : DaprKubernetes.PodAnnotations(
                                sidecar.AppId, ContainerPort, SecretOf(sidecar.AppApiToken!).Secret, SecretOf(sidecar.DaprApiToken!).Secret, sidecar.AppHealthCheck),
                        },
                        Spec = new V1PodSpec { Containers = [container] },
                    },
                },
            },
            Service(name, labels, HttpEndpoint, ServicePort),
            new V2HorizontalPodAutoscaler
            {
                ApiVersion = "autoscaling/v2",
                Kind = "HorizontalPodAutoscaler",
                Metadata = Metadata(name, labels),
                Spec = new V2HorizontalPodAutoscalerSpec
                {
                    ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name },
                    MinReplicas = _options.Replicas,
                    MaxReplicas = _options.MaxReplicas,
                    Metrics =
                    [
                        new V2MetricSpec
                        {
                            Type = "Resource",
                            Resource = new V2ResourceMetricSource
                            {
                                Name = "cpu",
                                Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = _options.TargetCpuUtilization },
                            },
                        },
                    ],
                },
            },
        };

        if (endpoints.Any(endpoint => endpoint.IsExternal))
        {
            objects.Add(Ingress(name, labels));
        }

        return objects;
    }

    /// <summary>The Service in front of a workload's pods, its port named like the container port it forwards to.</summary>
    private static V1Service Service(string name, Dictionary<string, string> labels, string portName, int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(name, labels),
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { [NameLabel] = name },
            Ports = [new V1ServicePort { Name = portName, Port = port, TargetPort = portName }],
        },
    };

    /// <summary>The read-only Service of the server: CloudNativePG's own, or one of the same name on the StatefulSet.</summary>
    private string ReadOnlyService(string server) => _options.Postgres == KubernetesPostgres.CloudNativePG ? CloudNativePg.ReadOnlyService(server) : $"{server}-ro";

    private V1Service ReadOnlyService(string server, Dictionary<string, string> labels)
    {
        var service = Service(server, labels, PostgresEndpoint, PostgresPort);
        service.Metadata = Metadata(ReadOnlyService(server), labels);
        return service;
    }

    private static V1Probe Probe(string path, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = HttpEndpoint },
        PeriodSeconds = 10,
        TimeoutSeconds = 5,
        FailureThreshold = failureThreshold,
    };

    private V1Ingress Ingress(string name, Dictionary<string, string> labels) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = Metadata(name, labels),
        Spec = new V1IngressSpec
        {
            IngressClassName = _options.IngressClassName,
            Rules =
            [
                new V1IngressRule
                {
                    Host = _options.IngressHost,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = name, Port = new V1ServiceBackendPort { Name = HttpEndpoint } },
                                },
                            },
                        ],
                    },
                },
            ],
        },
    };

    /// <summary>
    /// The resource's environment as the model gives it in publish mode: plain values for its ConfigMap; values
    /// holding secrets as container variables, after the Secret-backed variables they refer to.
    /// </summary>
    private async Task<(Dictionary<string, string> Settings, List<V1EnvVar> Env)> EnvironmentAsync(IResource resource, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(_executionContext, resource, values, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context).ConfigureAwait(false);
        }

        var settings = new Dictionary<string, string>();
        var secretVariables = new List<V1EnvVar>();
        var expanded = new List<V1EnvVar>();
        foreach (var (name, value) in values)
        {
            var resolved = _expressions.Resolve(value, $"{resource.Name}: environment variable {name}");
            if (resolved.WholeSecret is { } whole)
            {
                expanded.Add(FromSecret(name, whole));
                continue;
            }

            foreach (var secret in resolved.Secrets.Where(secret => secretVariables.All(variable => variable.Name != secret.Variable)))
            {
                secretVariables.Add(FromSecret(secret.Variable, secret));
            }

            if (resolved.Secrets.Count > 0)
            {
                expanded.Add(new V1EnvVar { Name = name, Value = resolved.Text });
            }
            else
            {
                settings[name] = resolved.Text;
            }
        }

        return (settings, [.. secretVariables, .. expanded]);
    }

    private static V1EnvVar FromSecret(string name, SecretKey secret) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Secret, Key = secret.Key } },
    };

    private List<object> Components()
    {
        var sidecars = _model.Resources.OfType<DaprSidecarResource>().ToList();
        var components = new List<object>();
        foreach (var component in _model.Resources.OfType<DaprComponentResource>())
        {
            var metadata = new List<DaprMetadataEntry>();
            foreach (var entry in component.Metadata)
            {
                var resolved = _expressions.Resolve(entry.Value, $"Dapr component {component.Name}: metadata {entry.Name}");
                metadata.Add(resolved switch
                {
                    { Secrets.Count: 0 } => new DaprMetadataEntry(entry.Name, resolved.Text, null),
                    { WholeSecret: { } secret } => new DaprMetadataEntry(entry.Name, null, new DaprSecretKeyReference(secret.Secret, secret.Key)),
                    _ => throw new DistributedApplicationException(
                        $"Dapr component {component.Name}: metadata {entry.Name} mixes a secret with other text; Dapr reads a secret only whole (secretKeyRef)."),
                });
            }

            var scopes = sidecars.Where(sidecar => sidecar.Components.Contains(component)).Select(sidecar => sidecar.AppId).Order(StringComparer.Ordinal).ToList();
            components.Add(DaprKubernetes.Component(component.Name, component.Type, component.Version, metadata, scopes));
            if (DaprResiliency.SpecOf(component) is { } resiliency)
            {
                // Scoped like the component: another app of the namespace keeps its own policies.
                components.Add(DaprKubernetes.Resiliency(DaprResiliency.NameOf(component), resiliency, scopes));
            }
        }

        return components;
    }

    /// <summary>The server's databases and the roles that own them; a database without an owner would leave its service the superuser.</summary>
    private static List<(string Database, DatabaseOwnerAnnotation Owner)> OwnedDatabases(DistributedApplicationModel model, PostgresServerResource? server) =>
        model.Resources.OfType<PostgresDatabaseResource>()
            .Where(database => database.Parent == server)
            .Select(database => (database.DatabaseName, database.Annotations.OfType<DatabaseOwnerAnnotation>().SingleOrDefault()
                ?? throw new DistributedApplicationException($"The database '{database.Name}' has no owner role; add it with AddOwnedDatabase.")))
            .OrderBy(database => database.DatabaseName, StringComparer.Ordinal)
            .ToList();

    private async Task<List<object>> PostgresAsync(PostgresServerResource server, CancellationToken cancellationToken)
    {
        if (_options.Postgres == KubernetesPostgres.CloudNativePG)
        {
            var roles = _databases.Select(database => CloudNativePg.Role(database.Owner.Role, SecretOf(database.Owner.Password).Secret)).ToList();
            var confined = _sqlAccess is null ? [] : new List<(CnpgRole, string)>
            {
                (CloudNativePg.Role(_sqlAccess.Provisioner, SecretOf(_sqlAccess.ProvisionerPassword).Secret), _sqlAccess.Database),
            };
            // The mesh database comes first, so that the operator's superuser step can make the provisioner's functions in it.
            var bootstrap = _sqlAccess is null ? null
                : CloudNativePg.InitDb(_sqlAccess.Database, _sqlAccess.Owner, _sqlAccess.ConsumerLoginStatements());
            return [CloudNativePg.Cluster(server.Name, PostgresInstances, PostgresStorage, roles, confined, bootstrap),
                .. _databases.Select(database => database.Database == _sqlAccess?.Database
                    ? CloudNativePg.DatabaseWithForeignDataWrapper(server.Name, database.Database, database.Owner.Role, MeshSqlAccessAnnotation.ForeignDataWrapper)
                    : CloudNativePg.Database(server.Name, database.Database, database.Owner.Role))];
        }

        return await PostgresStatefulSetAsync(server, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The AppHost's own PostgreSQL container (image, environment, data volume) as a one-replica StatefulSet;
    /// the roles and their databases are created by the image's init script on first start, each role's password read
    /// from its Secret.
    /// </summary>
    private async Task<List<object>> PostgresStatefulSetAsync(PostgresServerResource server, CancellationToken cancellationToken)
    {
        var name = server.Name;
        var labels = new Dictionary<string, string> { [NameLabel] = name, [PartOfLabel] = PartOf };
        var image = server.Annotations.OfType<ContainerImageAnnotation>().Single();
        var dataVolume = server.Annotations.OfType<ContainerMountAnnotation>().Single(mount => mount.Type == ContainerMountType.Volume);
        var (settings, env) = await EnvironmentAsync(server, cancellationToken).ConfigureAwait(false);
        var ownerPasswords = _databases.Select(database => SecretOf(database.Owner.Password))
            .Concat(_sqlAccess is null ? [] : [SecretOf(_sqlAccess.ProvisionerPassword)]).ToList();
        env.AddRange(ownerPasswords.Select(secret => FromSecret(secret.Variable, secret)));
        const string InitScripts = "/docker-entrypoint-initdb.d";

        var container = new V1Container
        {
            Name = name,
            Image = $"{image.Registry}/{image.Image}:{image.Tag}",
            Ports = [new V1ContainerPort { Name = PostgresEndpoint, ContainerPort = PostgresPort }],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{name}-settings" } }],
            Env = env,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2"), ["memory"] = new("1Gi") },
            },
            ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["pg_isready", "-U", "postgres"] }, PeriodSeconds = 10 },
            VolumeMounts =
            [
                new V1VolumeMount { Name = "data", MountPath = dataVolume.Target },
                new V1VolumeMount { Name = "init", MountPath = InitScripts, ReadOnlyProperty = true },
            ],
        };

        return
        [
            new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Metadata($"{name}-settings", labels), Data = settings },
            new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = Metadata($"{name}-init", labels),
                Data = new Dictionary<string, string>
                {
                    ["databases.sh"] = PostgresInitScript.Databases(_databases.Select(database =>
                        (database.Database, database.Owner.Role, SecretOf(database.Owner.Password).Variable)).ToList(),
                        _sqlAccess is null ? null : (_sqlAccess, SecretOf(_sqlAccess.ProvisionerPassword).Variable)),
                },
            },
            new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = "StatefulSet",
                Metadata = Metadata(name, labels),
                Spec = new V1StatefulSetSpec
                {
                    ServiceName = name,
                    Replicas = 1,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NameLabel] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec
                        {
                            Containers = [container],
                            Volumes = [new V1Volume { Name = "init", ConfigMap = new V1ConfigMapVolumeSource { Name = $"{name}-init" } }],
                        },
                    },
                    VolumeClaimTemplates =
                    [
                        new V1PersistentVolumeClaim
                        {
                            Metadata = new V1ObjectMeta { Name = "data" },
                            Spec = new V1PersistentVolumeClaimSpec
                            {
                                AccessModes = ["ReadWriteOnce"],
                                Resources = new V1VolumeResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(PostgresStorage) },
                                },
                            },
                        },
                    ],
                },
            },
            Service(name, labels, PostgresEndpoint, PostgresPort),
            // CloudNativePG's read-only Service by name, so analytics reads have one address either way; one instance here.
            ReadOnlyService(name, labels),
        ];
    }

    private ServiceAddress? AddressOf(IResource resource, string endpoint) => (resource, endpoint) switch
    {
        (ProjectResource project, HttpEndpoint) => new ServiceAddress(project.Name, ServicePort, ContainerPort, "http"),
        (PostgresServerResource server, PostgresEndpoint) => new ServiceAddress(
            _options.Postgres == KubernetesPostgres.CloudNativePG ? CloudNativePg.ReadWriteService(server.Name) : server.Name,
            PostgresPort, PostgresPort, "tcp"),
        (KafkaServerResource kafka, KafkaServerResource.PrimaryEndpointName or KafkaServerResource.InternalEndpointName) => new ServiceAddress(
            StrimziKafka.BootstrapService(kafka.Name), StrimziKafka.PlainPort, StrimziKafka.PlainPort, "tcp"),
        _ => null,
    };

    /// <summary>
    /// The Secret a secret parameter is read from; never written by the step. PostgreSQL's passwords live in
    /// basic-auth Secrets, the form CloudNativePG takes for its roles: the superuser's in <c>{server}-superuser</c>, each
    /// database owner's (and the mesh's provisioner's) in the Secret named after its parameter (<c>hr-db-password</c>), its
    /// username the role. A Dapr API
    /// token is under the key the Dapr sidecar injector reads (<see cref="DaprKubernetes.TokenSecretKey"/>), so the app and
    /// its sidecar share one Secret.
    /// </summary>
    private SecretKey SecretOf(ParameterResource parameter) =>
        _postgres is not null && parameter == _postgres.PasswordParameter
            ? new SecretKey($"{_postgres.Name}-superuser", BasicAuthPasswordKey, KubernetesNames.EnvironmentVariable(parameter.Name))
            : _databases.Any(database => database.Owner.Password == parameter) || parameter == _sqlAccess?.ProvisionerPassword
                ? new SecretKey(KubernetesNames.From(parameter.Name), BasicAuthPasswordKey, KubernetesNames.EnvironmentVariable(parameter.Name))
                : new SecretKey(KubernetesNames.From(parameter.Name), IsDaprToken(parameter) ? DaprKubernetes.TokenSecretKey : "value", KubernetesNames.EnvironmentVariable(parameter.Name));

    private bool IsDaprToken(ParameterResource parameter) =>
        _model.Resources.OfType<DaprSidecarResource>().Any(sidecar => sidecar.Tokens.Any(token => token.Token == parameter));

    /// <summary>The password's key in a <c>kubernetes.io/basic-auth</c> Secret.</summary>
    private const string BasicAuthPasswordKey = "password";

    private static V1ObjectMeta Metadata(string name, Dictionary<string, string>? labels = null) => new() { Name = name, Labels = labels };
}
