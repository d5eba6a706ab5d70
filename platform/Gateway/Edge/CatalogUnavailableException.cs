namespace DataMesh.Gateway.Edge;

/// <summary>The catalog could not say who a key belongs to or what the policy is: the gateway refuses rather than guess.</summary>
public sealed class CatalogUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
