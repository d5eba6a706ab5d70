namespace DaprSidecarStandIn;

/// <summary>
/// What <c>/v1.0/healthz</c> and <c>/v1.0/metadata</c> report: ready once the app channel is up (the app
/// port accepts connections and its subscriptions are loaded), or at once for an app without a port.
/// <c>/v1.0/healthz/outbound</c> is ready once the components are loaded and the APIs listen (dapr/dapr
/// <c>pkg/runtime/runtime.go</c>: the outbound target is marked ready after the HTTP server starts, before the app is
/// waited for).
/// </summary>
public sealed class SidecarReadiness
{
    private volatile IReadOnlyList<Subscription>? subscriptions;
    private volatile bool outboundReady;

    public bool IsOutboundReady => outboundReady;

    public void OutboundReady() => outboundReady = true;

    public bool IsReady => subscriptions is not null;

    public IReadOnlyList<Subscription> Subscriptions => subscriptions ?? [];

    public void AppChannelReady(IReadOnlyList<Subscription> loaded) => subscriptions = loaded;
}
