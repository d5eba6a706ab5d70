namespace DataMesh.Catalog.Discovery;

/// <summary>An event type of a contract: its fields, flattened with paths, and its example events as JSON.</summary>
public sealed record EventTypeFacts(string Name, string? Description, IReadOnlyList<PropertyFacts> Properties, IReadOnlyList<string> Examples);
