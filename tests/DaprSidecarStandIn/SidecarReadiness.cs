namespace DaprSidecarStandIn;

/// <summary>
/// What <c>/v1.0/healthz</c> and <c>/v1.0/metadata</c> report: ready once the app channel is up (the app
/// port accepts connections and its subscriptions are loaded), or at once for an app without a port.
/// </summary>
public sealed class SidecarReadiness
{
    private volatile IReadOnlyList<Subscription>? subscriptions;

    public bool IsReady => subscriptions is not null;

    public IReadOnlyList<Subscription> Subscriptions => subscriptions ?? [];

    public void AppChannelReady(IReadOnlyList<Subscription> loaded) => subscriptions = loaded;
}
