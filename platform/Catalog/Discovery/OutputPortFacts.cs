namespace DataMesh.Catalog.Discovery;

/// <summary>An output port with the contract version it offers: where the data is, its schema and its promises.</summary>
public sealed record OutputPortFacts(
    string Name,
    string Description,
    string ContractId,
    string ContractVersion,
    string Topic,
    string? QueryLocation,
    IReadOnlyList<PromiseFacts> Promises,
    IReadOnlyList<EventTypeFacts> EventTypes,
    IReadOnlyList<VersionFacts> ContractVersions);
