namespace DataMesh.Catalog.Observations.Streaming;

/// <summary>
/// What becomes of a message delivered on a streaming subscription, as Dapr.Messaging names it (its
/// <c>Dapr.Messaging.PublishSubscribe.TopicResponseAction</c>), so the catalog can move to that package once it is served.
/// </summary>
public enum TopicResponseAction
{
    /// <summary>Handled: daprd acknowledges it.</summary>
    Success,

    /// <summary>Not handled this time: daprd retries it under the pub/sub's inbound policy, then dead-letters it.</summary>
    Retry,

    /// <summary>Never handleable: daprd drops it (to the subscription's dead-letter topic, when it has one).</summary>
    Drop,
}
