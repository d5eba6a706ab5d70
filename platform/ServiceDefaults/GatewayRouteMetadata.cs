namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The metadata of a gateway route that the AppHost writes and the gateway's edge reads: who may pass, and for a domain
/// route, which domain it leads to.
/// </summary>
public static class GatewayRouteMetadata
{
    /// <summary>Who may pass: a <see cref="GatewayAccess"/> by name (any case).</summary>
    public const string Access = "Access";

    /// <summary>The domain a <c>domain</c> route leads to.</summary>
    public const string Domain = "Domain";
}
