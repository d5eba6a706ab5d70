using k8s.Models;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// Kafka through the Strimzi operator (API <c>kafka.strimzi.io/v1</c>, Strimzi 0.49 and later): a KRaft cluster
/// whose nodes come from one node pool acting as controllers and brokers, and one topic per output port.
/// </summary>
public static class StrimziKafka
{
    public const string ApiVersion = "kafka.strimzi.io/v1";
    public const string ClusterLabel = "strimzi.io/cluster";
    public const int PlainPort = 9092;

    /// <summary>The Service Strimzi creates for clients to bootstrap from.</summary>
    public static string BootstrapService(string cluster) => $"{cluster}-kafka-bootstrap";

    public static CustomResource<KafkaSpec> Cluster(string name, int brokers)
    {
        // Internal state topics replicate like data topics; with one broker, one copy is all there is.
        var minInSync = Math.Max(1, brokers - 1);
        return new(ApiVersion, "Kafka", new V1ObjectMeta { Name = name }, new KafkaSpec(
            new KafkaClusterSpec(
                [new KafkaListener("plain", PlainPort, "internal", Tls: false)],
                new Dictionary<string, object>
                {
                    ["default.replication.factor"] = brokers,
                    ["min.insync.replicas"] = minInSync,
                    ["offsets.topic.replication.factor"] = brokers,
                    ["transaction.state.log.replication.factor"] = brokers,
                    ["transaction.state.log.min.isr"] = minInSync,
                }),
            new EntityOperatorSpec(new Dictionary<string, object>(), new Dictionary<string, object>())));
    }

    public static CustomResource<KafkaNodePoolSpec> NodePool(string cluster, int replicas, string storageSize) =>
        new(ApiVersion, "KafkaNodePool",
            new V1ObjectMeta { Name = $"{cluster}-nodes", Labels = new Dictionary<string, string> { [ClusterLabel] = cluster } },
            new KafkaNodePoolSpec(replicas, ["controller", "broker"], new KafkaStorage("persistent-claim", storageSize, DeleteClaim: false)));

    public static CustomResource<KafkaTopicSpec> Topic(string cluster, OutputPortTopic topic, int replicas) =>
        new(ApiVersion, "KafkaTopic",
            new V1ObjectMeta
            {
                Name = KubernetesNames.From(topic.Topic),
                Labels = new Dictionary<string, string> { [ClusterLabel] = cluster },
                Annotations = new Dictionary<string, string> { ["datamesh.io/contract"] = $"{topic.ContractId} {topic.ContractVersion}" },
            },
            new KafkaTopicSpec(topic.Topic, topic.Partitions, replicas, new Dictionary<string, object>
            {
                ["cleanup.policy"] = "delete",
                ["retention.ms"] = (long)topic.Retention.TotalMilliseconds,
            }));
}

public sealed record KafkaSpec(KafkaClusterSpec Kafka, EntityOperatorSpec EntityOperator);

public sealed record KafkaClusterSpec(IReadOnlyList<KafkaListener> Listeners, IReadOnlyDictionary<string, object> Config);

public sealed record KafkaListener(string Name, int Port, string Type, bool Tls);

public sealed record EntityOperatorSpec(IReadOnlyDictionary<string, object> TopicOperator, IReadOnlyDictionary<string, object> UserOperator);

public sealed record KafkaNodePoolSpec(int Replicas, IReadOnlyList<string> Roles, KafkaStorage Storage);

public sealed record KafkaStorage(string Type, string Size, bool DeleteClaim);

/// <summary>Strimzi's topic; <c>topicName</c> is set because Kafka topic names may hold characters a resource name may not.</summary>
public sealed record KafkaTopicSpec(string TopicName, int Partitions, int Replicas, IReadOnlyDictionary<string, object> Config);
