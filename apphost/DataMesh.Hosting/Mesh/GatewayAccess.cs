namespace Aspire.Hosting;

/// <summary>
/// Who may pass a gateway route, written as the route's <c>Access</c> metadata; the gateway enforces it
/// (platform/Gateway/Edge/RouteAccess.cs reads the same names).
/// </summary>
public enum GatewayAccess
{
    /// <summary>Anyone, any method: the catalog's UI.</summary>
    Open,

    /// <summary>Anyone may read (GET, HEAD); anything else takes a valid API key: the catalog's API.</summary>
    Discovery,

    /// <summary>Any valid API key, any method: the catalog's access records (approval queues, audit trails).</summary>
    Keyed,

    /// <summary>
    /// A domain's API: a valid key always; a data product's query endpoint takes a grant for the product (or its owner
    /// team's key), with personal data masked unless granted; everything else takes a key of the domain's own team.
    /// </summary>
    Domain,

    /// <summary>Never forwarded: paths the mesh calls directly (registrations, key look-ups, Dapr deliveries).</summary>
    Internal,
}
