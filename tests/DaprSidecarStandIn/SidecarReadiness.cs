namespace DaprSidecarStandIn;

/// <summary>
/// What <c>/v1.0/healthz</c> and <c>/v1.0/metadata</c> report. <c>/v1.0/healthz</c> is ready when daprd's
/// initialisation ends (dapr/dapr <c>pkg/runtime/runtime.go</c>, <c>initRuntime</c>): at once for an app without a port;
/// otherwise once the app port accepts connections and, without the app health check, once its subscriptions are read
/// (with the check daprd reads them later, at the app's first healthy probe). <c>/v1.0/healthz/outbound</c> is ready
/// once the components are loaded and the APIs listen (the outbound target is marked ready after the HTTP server
/// starts, before the app is waited for).
/// </summary>
public sealed class SidecarReadiness
{
    private volatile IReadOnlyList<Subscription> subscriptions = [];
    private volatile bool ready;
    private volatile bool outboundReady;

    public bool IsOutboundReady => outboundReady;

    public void OutboundReady() => outboundReady = true;

    public bool IsReady => ready;

    public void AppChannelReady() => ready = true;

    /// <summary>The app's programmatic subscriptions, empty until they are read (and for good when reading them failed).</summary>
    public IReadOnlyList<Subscription> Subscriptions => subscriptions;

    public void SubscriptionsLoaded(IReadOnlyList<Subscription> loaded) => subscriptions = loaded;
}
