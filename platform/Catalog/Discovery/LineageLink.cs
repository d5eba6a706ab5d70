namespace DataMesh.Catalog.Discovery;

/// <summary>
/// One edge of lineage seen from a product: the other product, through which input port and contract version.
/// <see cref="Registered"/> is false for an upstream product the catalog has not been told of yet.
/// </summary>
[ReadFromDefinitions]
public sealed record LineageLink(string DataProductId, string? Name, string InputPort, string ContractId, string ContractVersion, bool Registered);
