using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// Routes of the YARP gateway, written as its configuration (<c>ReverseProxy:Routes</c>, <c>ReverseProxy:Clusters</c>)
/// from the AppHost's model. The destination is the target's logical name, which service discovery resolves:
/// no host or port is written down anywhere.
/// </summary>
public static class GatewayRouteExtensions
{
    /// <summary>How long the gateway waits for a destination's answer unless a route says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <param name="access">Who may pass; see <see cref="GatewayAccess"/>.</param>
    /// <param name="domain">The domain a <see cref="GatewayAccess.Domain"/> route leads to.</param>
    /// <param name="timeout">How long the gateway waits for the destination's answer before a 504; <see cref="DefaultTimeout"/> when null.</param>
    public static IResourceBuilder<ProjectResource> WithGatewayRoute(
        this IResourceBuilder<ProjectResource> gateway,
        string routeId,
        string pathPattern,
        IResourceBuilder<ProjectResource> target,
        GatewayAccess access,
        string? domain = null,
        int? order = null,
        TimeSpan? timeout = null)
    {
        if ((access == GatewayAccess.Domain) != (domain is not null))
        {
            throw new ArgumentException("A domain route names its domain, and only a domain route does.", nameof(domain));
        }

        var cluster = target.Resource.Name;
        var route = $"ReverseProxy__Routes__{routeId}__";
        gateway.WithEnvironment(route + "ClusterId", cluster)
            .WithEnvironment(route + "Match__Path", pathPattern)
            .WithEnvironment(route + "Timeout", (timeout ?? DefaultTimeout).ToString("c", CultureInfo.InvariantCulture))
            .WithEnvironment($"{route}Metadata__{GatewayRouteMetadata.Access}", access.ToString().ToLowerInvariant());
        if (domain is not null)
        {
            gateway.WithEnvironment($"{route}Metadata__{GatewayRouteMetadata.Domain}", domain);
        }

        if (order is not null)
        {
            gateway.WithEnvironment(route + "Order", order.Value.ToString(CultureInfo.InvariantCulture));
        }

        return gateway.WithGatewayCluster(target).WithReference(target).WaitFor(target);
    }

    /// <summary>The gateway's own settings (section <c>Edge</c>: rates, limits, cache lifetimes), passed from <paramref name="settings"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithEdgeSettings(this IResourceBuilder<ProjectResource> gateway, IConfigurationSection settings)
    {
        // Lists too (KnownProxies:0, KnownNetworks:1): each value under its whole path.
        foreach (var (key, value) in settings.AsEnumerable(makePathsRelative: true).Where(setting => setting.Value is not null))
        {
            gateway.WithSetting($"Edge:{key}", value!);
        }

        return gateway;
    }

    /// <summary>Paths of <paramref name="target"/> that the gateway refuses (404) instead of forwarding: they are for the mesh only.</summary>
    public static IResourceBuilder<ProjectResource> WithInternalPaths(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> target, params string[] pathPatterns)
    {
        for (var i = 0; i < pathPatterns.Length; i++)
        {
            // Before every other route: an internal path is never forwarded, whatever else matches it.
            gateway.WithGatewayRoute($"{target.Resource.Name}-internal-{i}", pathPatterns[i], target, GatewayAccess.Internal, order: int.MinValue);
        }

        return gateway;
    }

    /// <summary>
    /// The destination, checked actively (its readiness path every 10 s) and passively (transport failures on real
    /// requests); with a single replica the gateway still tries it when the checks call it unhealthy, rather than answer 503 at once.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithGatewayCluster(this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> target)
    {
        var cluster = $"ReverseProxy__Clusters__{target.Resource.Name}__";
        return gateway.WithEnvironment(cluster + $"Destinations__{target.Resource.Name}__Address", $"http://{target.Resource.Name}")
            .WithEnvironment(cluster + "HealthCheck__AvailableDestinationsPolicy", "HealthyOrPanic")
            .WithEnvironment(cluster + "HealthCheck__Active__Enabled", "true")
            .WithEnvironment(cluster + "HealthCheck__Active__Interval", "00:00:10")
            .WithEnvironment(cluster + "HealthCheck__Active__Timeout", "00:00:05")
            .WithEnvironment(cluster + "HealthCheck__Active__Policy", "ConsecutiveFailures")
            .WithEnvironment(cluster + "HealthCheck__Active__Path", DataMeshBuilder.HealthPath)
            .WithEnvironment(cluster + "HealthCheck__Passive__Enabled", "true")
            .WithEnvironment(cluster + "HealthCheck__Passive__Policy", "TransportFailureRate")
            .WithEnvironment(cluster + "HealthCheck__Passive__ReactivationPeriod", "00:00:30");
    }
}
