namespace DataMesh.Catalog.Discovery;

/// <summary>One SLA promise of a contract, e.g. freshness 5 s.</summary>
[ReadFromDefinitions]
public sealed record PromiseFacts(string Property, string Value, string? Unit);
