namespace DaprSidecarStandIn;

/// <summary>A <c>pubsub.*</c> component loaded from the resources path.</summary>
public sealed record PubSubComponent(string Name, string Type, string Version, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>How the component delivers again an event daprd hands back unsettled.</summary>
    public ComponentRedelivery Redelivery { get; init; } = ComponentRedelivery.Default;

    /// <summary>
    /// The consumer group of an app: like Dapr's Kafka component, the <c>consumerGroup</c> metadata when
    /// set, else the app id.
    /// </summary>
    public string ConsumerGroupFor(string appId) =>
        Metadata.TryGetValue("consumerGroup", out var group) && !string.IsNullOrWhiteSpace(group) ? group : appId;

    /// <summary>What <paramref name="appId"/> may publish and subscribe to on this component.</summary>
    public TopicScopes ScopesFor(string appId) => new(Metadata, appId);
}
