using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// daprd's app health check (dapr/dapr pkg/runtime/runtime.go, appHealthChanged): daprd probes the app's
/// <see cref="Path"/> and subscribes to its topics only while the app answers 2xx; after <see cref="Threshold"/> failed
/// probes in a row it stops delivering, and resumes once a probe passes. The app's readiness (ServiceDefaults' <c>/health</c>)
/// checks its database, so a consumer whose database is down is sent nothing rather than sent events it must refuse.
/// Run: daprd's flags. Kubernetes: the injector's <c>dapr.io/*</c> annotations of the same names.
/// </summary>
public sealed record DaprAppHealthCheck(string Path, int ProbeIntervalSeconds, int ProbeTimeoutMilliseconds, int Threshold)
{
    /// <summary>
    /// Every mesh service's: its readiness path; a probe every 5 s (daprd's default) given 2 s, not daprd's 0.5 s, because
    /// <c>/health</c> opens a PostgreSQL connection, which after a restart of the database or on a busy machine can take
    /// longer, and a probe that times out would pause delivery for nothing; unhealthy after 3 failures (daprd's default),
    /// about 15 s after the database goes, a time the inbound retries ride out.
    /// </summary>
    public static readonly DaprAppHealthCheck ServiceDefaults = new(ServiceDefaultsExtensions.HealthPath, 5, 2000, 3);

    /// <summary>The settings by daprd's names (its flags without <c>--</c>; the injector's annotations after <c>dapr.io/</c>).</summary>
    public IReadOnlyList<(string Name, string Value)> Settings =>
    [
        ("enable-app-health-check", "true"),
        ("app-health-check-path", Path),
        ("app-health-probe-interval", ProbeIntervalSeconds.ToString(CultureInfo.InvariantCulture)),
        ("app-health-probe-timeout", ProbeTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)),
        ("app-health-threshold", Threshold.ToString(CultureInfo.InvariantCulture)),
    ];
}
