using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Routes of the YARP gateway, written as its configuration (<c>ReverseProxy:Routes</c>, <c>ReverseProxy:Clusters</c>)
/// from the AppHost's model. The destination is the target's logical name, which service discovery resolves:
/// no host or port is written down anywhere.
/// </summary>
public static class GatewayRouteExtensions
{
    public static IResourceBuilder<ProjectResource> WithGatewayRoute(
        this IResourceBuilder<ProjectResource> gateway, string routeId, string pathPattern, IResourceBuilder<ProjectResource> target, int? order = null)
    {
        var cluster = target.Resource.Name;
        gateway.WithEnvironment($"ReverseProxy__Routes__{routeId}__ClusterId", cluster)
            .WithEnvironment($"ReverseProxy__Routes__{routeId}__Match__Path", pathPattern)
            .WithEnvironment($"ReverseProxy__Clusters__{cluster}__Destinations__{cluster}__Address", $"http://{cluster}");
        if (order is not null)
        {
            gateway.WithEnvironment($"ReverseProxy__Routes__{routeId}__Order", order.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return gateway.WithReference(target).WaitFor(target);
    }
}
