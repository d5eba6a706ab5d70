namespace DataMesh.Gateway.Edge;

/// <summary>
/// Who may pass a route, from its <c>Access</c> metadata as the AppHost writes it (apphost/DataMesh.Hosting/Mesh/GatewayAccess.cs).
/// A route without it is refused: the gateway never forwards what nobody said may pass.
/// </summary>
public enum RouteAccess
{
    /// <summary>Anyone, any method.</summary>
    Open,

    /// <summary>Anyone may read; anything else takes a valid key.</summary>
    Discovery,

    /// <summary>Any valid key.</summary>
    Keyed,

    /// <summary>A domain's API: grants for its query ports, its own team for the rest.</summary>
    Domain,

    /// <summary>Never forwarded.</summary>
    Internal,
}
