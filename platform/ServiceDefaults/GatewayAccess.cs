namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Who may pass a gateway route: the AppHost writes it as the route's <see cref="GatewayRouteMetadata.Access"/> metadata
/// (its name, lower case), the gateway's edge reads it back by name and enforces it. One definition for both, so a kind
/// of access cannot be written that the gateway does not know. A route without it is refused: the gateway never
/// forwards what nobody said may pass.
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
