namespace DataMesh.Gateway.Edge;

/// <summary>
/// The gateway's own credential (<see cref="MeshCredentials.ServiceCredentialKey"/>) on what it forwards: the catalog
/// believes the consumer and team headers only beside it, so requests to the catalog's cluster carry it, and requests
/// to any other cluster never do (a domain never holds the gateway's credential). A value a client sends is dropped on
/// every route.
/// </summary>
public sealed class ServiceCredentialForwarding(IConfiguration configuration, Uri catalogAddress)
{
    /// <summary>The cluster the AppHost names after the catalog's resource, the host of its logical address.</summary>
    public string CatalogCluster { get; } = catalogAddress.Host;

    public void Apply(HttpRequest request, string clusterId)
    {
        request.Headers.Remove(MeshHeaders.ServiceCredential);
        if (string.Equals(clusterId, CatalogCluster, StringComparison.OrdinalIgnoreCase)
            && configuration[MeshCredentials.ServiceCredentialKey] is { Length: > 0 } credential)
        {
            request.Headers[MeshHeaders.ServiceCredential] = credential;
        }
    }
}
