namespace Aspire.Hosting;

/// <summary>The images the Kafka resources run, pinned so that a run is repeatable.</summary>
internal static class KafkaContainerImageTags
{
    public const string Registry = "docker.io";

    /// <summary>Confluent's single-node image runs the broker in KRaft mode: no ZooKeeper container.</summary>
    public const string Image = "confluentinc/confluent-local";

    public const string Tag = "7.9.0";

    public const string KafkaUiImage = "provectuslabs/kafka-ui";

    public const string KafkaUiTag = "v0.7.2";
}
