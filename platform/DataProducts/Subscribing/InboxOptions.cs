namespace DataMesh.DataProducts.Subscribing;

/// <summary>How the sidecar delivers to the input ports and how many events one inbox transaction applies.</summary>
public sealed class InboxOptions
{
    /// <summary>
    /// Whether the input ports ask Dapr for bulk delivery (<c>bulkSubscribe</c>): the sidecar posts up to
    /// <see cref="MaxMessagesCount"/> events at once and the service applies them in one inbox transaction,
    /// answering a status per event. Off, each event comes in its own request and transaction.
    /// </summary>
    public bool BulkSubscribe { get; set; } = true;

    /// <summary>At most this many events per bulk delivery (Dapr's <c>maxMessagesCount</c>; daprd's default is 100).</summary>
    public int MaxMessagesCount { get; set; } = 100;

    /// <summary>
    /// How long the sidecar may wait for a bulk to fill before delivering what it has (Dapr's <c>maxAwaitDurationMs</c>;
    /// daprd's default is 1 s, which would be the latency of a quiet topic).
    /// </summary>
    public TimeSpan MaxAwaitDuration { get; set; } = TimeSpan.FromMilliseconds(50);
}
