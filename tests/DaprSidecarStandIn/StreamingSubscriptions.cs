using System.Collections.Concurrent;

namespace DaprSidecarStandIn;

/// <summary>
/// The open <c>SubscribeTopicEventsAlpha1</c> streams of this sidecar, each with its connection id (dapr/dapr
/// <c>pkg/runtime/compstore/subscriptions.go</c>: <c>AddStreamSubscription</c>, <c>NextSubscriberIndex</c>), which
/// <c>/v1.0/metadata</c> lists as <c>STREAMING</c> subscriptions.
/// </summary>
public sealed class StreamingSubscriptions
{
    private readonly ConcurrentDictionary<long, Subscription> open = new();
    private long lastConnectionId;

    public IReadOnlyList<Subscription> Open => open.OrderBy(pair => pair.Key).Select(pair => pair.Value).ToList();

    /// <returns>The stream's connection id.</returns>
    public long Add(Subscription subscription)
    {
        var connectionId = Interlocked.Increment(ref lastConnectionId);
        open[connectionId] = subscription;
        return connectionId;
    }

    public void Remove(long connectionId) => open.TryRemove(connectionId, out _);
}
