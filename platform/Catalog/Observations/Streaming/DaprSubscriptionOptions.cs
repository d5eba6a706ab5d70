namespace DataMesh.Catalog.Observations.Streaming;

/// <summary>
/// How a streaming subscription is opened (Dapr.Messaging's <c>DaprSubscriptionOptions</c>, less its message-handling
/// policy: the catalog handles one message at a time and answers each), and how it reconnects, which Dapr.Messaging leaves
/// to its caller: daprd may not be up yet when the app starts, and a stream ends whenever daprd restarts.
/// </summary>
public sealed record DaprSubscriptionOptions
{
    /// <summary>Subscription metadata passed to the pub/sub component.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Where daprd sends the messages answered DROP (or refused past the inbound policy); none when null.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>The wait before the first reconnection; each failed attempt doubles it, up to <see cref="MaximumReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaximumReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);
}
