namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>
/// The fields of the operators' kinds that the deployment may use, written down from the operators' published
/// references, with their types, the values an enumeration allows, and what is required. A field not listed here
/// is a field the operator would reject or ignore.
/// Sources: Strimzi's CRDs (packaging/install/cluster-operator: 040-Crd-kafka, 04A-Crd-kafkanodepool,
/// 043-Crd-kafkatopic; API kafka.strimzi.io/v1 since Strimzi 0.49); CloudNativePG's API reference (ClusterSpec,
/// ManagedConfiguration, RoleConfiguration, PostgresConfiguration, DatabaseSpec with its ExtensionSpec, FDWSpec and
/// UsageSpec as api/v1/database_types.go states them, postgresql.cnpg.io/v1); Dapr's component and configuration specs (dapr.io/v1alpha1)
/// and its Resiliency (dapr/dapr pkg/apis/resiliency/v1alpha1/types.go).
/// </summary>
internal static class OperatorFields
{
    /// <summary>A duration as Go's time.ParseDuration reads it (<c>10s</c>, <c>1m30s</c>, <c>500ms</c>).</summary>
    private const string GoDuration = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

    private static readonly Dictionary<string, OperatorField> Metadata = new()
    {
        ["metadata"] = new(FieldType.Object, Required: true),
        ["metadata.name"] = new(FieldType.String, Required: true),
        ["metadata.labels"] = new(FieldType.Map),
        ["metadata.annotations"] = new(FieldType.Map),
        ["spec"] = new(FieldType.Object, Required: true),
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, OperatorField>> Kinds { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, OperatorField>>
        {
            ["kafka.strimzi.io/v1/Kafka"] = With(new()
            {
                ["spec.kafka"] = new(FieldType.Object, Required: true),
                ["spec.kafka.version"] = new(FieldType.String),
                ["spec.kafka.metadataVersion"] = new(FieldType.String),
                ["spec.kafka.listeners"] = new(FieldType.List, Required: true),
                ["spec.kafka.listeners[].name"] = new(FieldType.String, Required: true, Pattern: "^[a-z0-9]{1,11}$"),
                ["spec.kafka.listeners[].port"] = new(FieldType.Integer, Required: true, Minimum: 9092),
                ["spec.kafka.listeners[].type"] = new(FieldType.String, Required: true, Allowed: ["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"]),
                ["spec.kafka.listeners[].tls"] = new(FieldType.Boolean, Required: true),
                ["spec.kafka.config"] = new(FieldType.Map),
                ["spec.entityOperator"] = new(FieldType.Object),
                ["spec.entityOperator.topicOperator"] = new(FieldType.Object),
                ["spec.entityOperator.userOperator"] = new(FieldType.Object),
            }),
            ["kafka.strimzi.io/v1/KafkaNodePool"] = With(new()
            {
                ["spec.replicas"] = new(FieldType.Integer, Minimum: 0),
                ["spec.roles"] = new(FieldType.List, Required: true),
                ["spec.roles[]"] = new(FieldType.String, Allowed: ["controller", "broker"]),
                ["spec.storage"] = new(FieldType.Object, Required: true),
                ["spec.storage.type"] = new(FieldType.String, Required: true, Allowed: ["ephemeral", "persistent-claim", "jbod"]),
                ["spec.storage.size"] = new(FieldType.String),
                ["spec.storage.class"] = new(FieldType.String),
                ["spec.storage.deleteClaim"] = new(FieldType.Boolean),
            }),
            ["kafka.strimzi.io/v1/KafkaTopic"] = With(new()
            {
                ["spec.topicName"] = new(FieldType.String),
                ["spec.partitions"] = new(FieldType.Integer, Minimum: 1),
                ["spec.replicas"] = new(FieldType.Integer, Minimum: 1),
                ["spec.config"] = new(FieldType.Map),
            }),
            ["postgresql.cnpg.io/v1/Cluster"] = With(new()
            {
                ["spec.instances"] = new(FieldType.Integer, Required: true, Minimum: 1),
                ["spec.imageName"] = new(FieldType.String),
                ["spec.storage"] = new(FieldType.Object),
                ["spec.storage.size"] = new(FieldType.String),
                ["spec.storage.storageClass"] = new(FieldType.String),
                ["spec.enableSuperuserAccess"] = new(FieldType.Boolean),
                ["spec.superuserSecret"] = new(FieldType.Object),
                ["spec.superuserSecret.name"] = new(FieldType.String, Required: true),
                ["spec.managed"] = new(FieldType.Object),
                ["spec.managed.roles"] = new(FieldType.List),
                ["spec.managed.roles[].name"] = new(FieldType.String, Required: true),
                ["spec.managed.roles[].ensure"] = new(FieldType.String, Allowed: ["present", "absent"]),
                ["spec.managed.roles[].login"] = new(FieldType.Boolean),
                ["spec.managed.roles[].superuser"] = new(FieldType.Boolean),
                ["spec.managed.roles[].createdb"] = new(FieldType.Boolean),
                ["spec.managed.roles[].createrole"] = new(FieldType.Boolean),
                ["spec.managed.roles[].passwordSecret"] = new(FieldType.Object),
                ["spec.managed.roles[].passwordSecret.name"] = new(FieldType.String, Required: true),
                ["spec.bootstrap"] = new(FieldType.Object),
                ["spec.bootstrap.initdb"] = new(FieldType.Object),
                ["spec.bootstrap.initdb.database"] = new(FieldType.String),
                ["spec.bootstrap.initdb.owner"] = new(FieldType.String),
                ["spec.bootstrap.initdb.postInitApplicationSQL"] = new(FieldType.List),
                ["spec.bootstrap.initdb.postInitApplicationSQL[]"] = new(FieldType.String),
                ["spec.postgresql"] = new(FieldType.Object),
                ["spec.postgresql.pg_hba"] = new(FieldType.List),
                ["spec.postgresql.pg_hba[]"] = new(FieldType.String),
            }),
            ["postgresql.cnpg.io/v1/Database"] = With(new()
            {
                ["spec.name"] = new(FieldType.String, Required: true),
                ["spec.owner"] = new(FieldType.String, Required: true),
                ["spec.cluster"] = new(FieldType.Object, Required: true),
                ["spec.cluster.name"] = new(FieldType.String, Required: true),
                ["spec.extensions"] = new(FieldType.List),
                ["spec.extensions[].name"] = new(FieldType.String, Required: true),
                ["spec.extensions[].ensure"] = new(FieldType.String, Allowed: ["present", "absent"]),
                ["spec.fdws"] = new(FieldType.List),
                ["spec.fdws[].name"] = new(FieldType.String, Required: true),
                ["spec.fdws[].ensure"] = new(FieldType.String, Allowed: ["present", "absent"]),
                ["spec.fdws[].usage"] = new(FieldType.List),
                ["spec.fdws[].usage[].name"] = new(FieldType.String, Required: true),
                ["spec.fdws[].usage[].type"] = new(FieldType.String, Allowed: ["grant", "revoke"]),
                ["spec.ensure"] = new(FieldType.String, Allowed: ["present", "absent"]),
            }),
            ["dapr.io/v1alpha1/Component"] = With(new()
            {
                ["spec.type"] = new(FieldType.String, Required: true),
                ["spec.version"] = new(FieldType.String, Required: true),
                ["spec.metadata"] = new(FieldType.List, Required: true),
                ["spec.metadata[].name"] = new(FieldType.String, Required: true),
                ["spec.metadata[].value"] = new(FieldType.String),
                ["spec.metadata[].secretKeyRef"] = new(FieldType.Object),
                ["spec.metadata[].secretKeyRef.name"] = new(FieldType.String, Required: true),
                ["spec.metadata[].secretKeyRef.key"] = new(FieldType.String),
                ["spec.ignoreErrors"] = new(FieldType.Boolean),
                ["spec.initTimeout"] = new(FieldType.String),
                ["scopes"] = new(FieldType.List),
                ["scopes[]"] = new(FieldType.String),
            }),
            // Keys named '*' are names of the deployment's choosing (KubernetesObjectCheck.AnyKey).
            ["dapr.io/v1alpha1/Resiliency"] = With(new()
            {
                ["spec.policies"] = new(FieldType.Object, Required: true),
                ["spec.policies.timeouts"] = new(FieldType.Map),
                ["spec.policies.retries"] = new(FieldType.Object),
                ["spec.policies.retries.*"] = new(FieldType.Object),
                ["spec.policies.retries.*.policy"] = new(FieldType.String, Allowed: ["constant", "exponential"]),
                ["spec.policies.retries.*.duration"] = new(FieldType.String, Pattern: GoDuration),
                ["spec.policies.retries.*.maxInterval"] = new(FieldType.String, Pattern: GoDuration),
                ["spec.policies.retries.*.maxRetries"] = new(FieldType.Integer, Minimum: -1),
                ["spec.policies.retries.*.matching"] = new(FieldType.Object),
                ["spec.policies.retries.*.matching.httpStatusCodes"] = new(FieldType.String),
                ["spec.policies.retries.*.matching.gRPCStatusCodes"] = new(FieldType.String),
                ["spec.policies.circuitBreakers"] = new(FieldType.Object),
                ["spec.policies.circuitBreakers.*"] = new(FieldType.Object),
                ["spec.policies.circuitBreakers.*.maxRequests"] = new(FieldType.Integer, Minimum: 0),
                ["spec.policies.circuitBreakers.*.interval"] = new(FieldType.String, Pattern: GoDuration),
                ["spec.policies.circuitBreakers.*.timeout"] = new(FieldType.String, Pattern: GoDuration),
                ["spec.policies.circuitBreakers.*.trip"] = new(FieldType.String),
                ["spec.targets"] = new(FieldType.Object, Required: true),
                ["spec.targets.components"] = new(FieldType.Object),
                ["spec.targets.components.*"] = new(FieldType.Object),
                ["spec.targets.components.*.inbound"] = new(FieldType.Object),
                ["spec.targets.components.*.inbound.timeout"] = new(FieldType.String),
                ["spec.targets.components.*.inbound.retry"] = new(FieldType.String),
                ["spec.targets.components.*.inbound.circuitBreaker"] = new(FieldType.String),
                ["spec.targets.components.*.outbound"] = new(FieldType.Object),
                ["spec.targets.components.*.outbound.timeout"] = new(FieldType.String),
                ["spec.targets.components.*.outbound.retry"] = new(FieldType.String),
                ["spec.targets.components.*.outbound.circuitBreaker"] = new(FieldType.String),
                ["scopes"] = new(FieldType.List),
                ["scopes[]"] = new(FieldType.String),
            }),
            ["dapr.io/v1alpha1/Configuration"] = With(new()
            {
                ["spec.tracing"] = new(FieldType.Object),
                ["spec.tracing.samplingRate"] = new(FieldType.String),
                ["spec.metric"] = new(FieldType.Object),
                ["spec.metric.enabled"] = new(FieldType.Boolean),
            }),
        };

    private static IReadOnlyDictionary<string, OperatorField> With(Dictionary<string, OperatorField> spec)
    {
        foreach (var (path, field) in Metadata)
        {
            spec[path] = field;
        }

        return spec;
    }
}

internal enum FieldType
{
    String,
    Integer,
    Boolean,
    Object,
    List,

    /// <summary>Free keys with scalar values (labels, Kafka configuration).</summary>
    Map,
}

internal sealed record OperatorField(FieldType Type, bool Required = false, IReadOnlyList<string>? Allowed = null, string? Pattern = null, long? Minimum = null);
