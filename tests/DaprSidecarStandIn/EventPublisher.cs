using System.Text.Json;

namespace DaprSidecarStandIn;

/// <summary>
/// Publishing as daprd does it, for the gRPC and HTTP APIs alike: check the pub/sub and topic, wrap the
/// data in a CloudEvent unless <c>rawPayload</c>, and append to the topic log with the partition key.
/// </summary>
public sealed class EventPublisher(PubSubBroker broker, DaprdCommandLine commandLine, StandInMetrics metrics)
{
    /// <summary>The Kafka component's limit on one message's size (components-contrib <c>common/component/kafka/producer.go</c>).</summary>
    public const string MaxMessageBytes = "maxMessageBytes";

    /// <summary>
    /// The limit when the component does not set one: sarama's default <c>Producer.MaxMessageBytes</c>, 1 MiB
    /// (IBM/sarama v1.48.1 <c>config.go</c>, <c>NewConfig</c>), just under the broker's own <c>message.max.bytes</c>.
    /// </summary>
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    /// <exception cref="PublishRefusedException">daprd would refuse the request.</exception>
    public async Task PublishAsync(PublishedEvent published, CancellationToken cancellationToken)
    {
        EnsurePublishable(published.PubSubName, published.Topic);
        await AppendAsync(published.PubSubName, published.Topic, [ToRecord(published)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>daprd's error code for a topic outside the app's scopes (dapr/dapr pkg/messages/errorcodes/errorcodes.go).</summary>
    public const string Forbidden = "ERR_PUBSUB_FORBIDDEN";

    /// <exception cref="PublishRefusedException">No such pub/sub component, no topic, or a topic the component's scopes refuse this app.</exception>
    public void EnsurePublishable(string pubsubName, string topic)
    {
        if (string.IsNullOrEmpty(pubsubName))
        {
            throw new PublishRefusedException("ERR_PUBSUB_EMPTY", "pubsub name is empty");
        }

        if (!broker.TryGetComponent(pubsubName, out var component))
        {
            throw new PublishRefusedException("ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsubName} is not found");
        }

        if (string.IsNullOrEmpty(topic))
        {
            throw new PublishRefusedException("ERR_TOPIC_NAME_EMPTY", $"topic is empty in pubsub {pubsubName}");
        }

        // dapr/dapr pkg/runtime/pubsub/publisher/publisher.go: NotAllowedError, answered by pkg/api/errors/pubsub.go PublishForbidden.
        if (!component.ScopesFor(commandLine.AppId).MayPublish(topic))
        {
            throw new PublishRefusedException(Forbidden, $"topic {topic} is not allowed for app id {commandLine.AppId}");
        }
    }

    /// <exception cref="PublishRefusedException">
    /// The data is declared a CloudEvent but is not one, or the message is larger than the component's
    /// <c>maxMessageBytes</c>, which the Kafka producer refuses.
    /// </exception>
    public TopicRecord ToRecord(PublishedEvent published)
    {
        var record = Wrap(published);
        var limit = broker.TryGetComponent(published.PubSubName, out var component)
            && component.Metadata.TryGetValue(MaxMessageBytes, out var limitText)
            && int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var set)
            && set > 0 ? set : DefaultMaxMessageBytes;
        if (record.Payload.Length > limit)
        {
            // sarama's async_producer.go refuses the message before it reaches a broker, with this ConfigurationError;
            // daprd wraps it as PublishMessage (pkg/api/errors/pubsub.go).
            throw new PublishRefusedException(
                "ERR_PUBSUB_PUBLISH_MESSAGE",
                $"error when publishing to topic {published.Topic} in pubsub {published.PubSubName}: " +
                $"kafka: invalid configuration (Attempt to produce message larger than configured Producer.MaxMessageBytes: {record.Payload.Length} > {limit})");
        }

        return record;
    }

    private static TopicRecord Wrap(PublishedEvent published)
    {
        var partitionKey = published.Metadata.GetValueOrDefault("partitionKey") ?? published.Metadata.GetValueOrDefault("key") ?? string.Empty;
        if (bool.TryParse(published.Metadata.GetValueOrDefault("rawPayload"), out var raw) && raw)
        {
            return new TopicRecord(IsCloudEvent: false, partitionKey, published.ContentType ?? string.Empty, published.Data);
        }

        try
        {
            var envelope = CloudEventEnvelope.Wrap(published);
            return new TopicRecord(IsCloudEvent: true, partitionKey, CloudEventEnvelope.ContentType, JsonSerializer.SerializeToUtf8Bytes(envelope));
        }
        catch (JsonException exception)
        {
            throw new PublishRefusedException(
                "ERR_PUBSUB_CLOUD_EVENTS_SER",
                $"error when publishing to topic {published.Topic} in pubsub {published.PubSubName}: {exception.Message}");
        }
    }

    /// <summary>Appends records to one topic, in order, in one append.</summary>
    public async Task AppendAsync(string pubsubName, string topic, IReadOnlyList<TopicRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await broker.Log(pubsubName, topic).AppendAsync(records, cancellationToken).ConfigureAwait(false);
        metrics.Published(records.Count);
    }
}
