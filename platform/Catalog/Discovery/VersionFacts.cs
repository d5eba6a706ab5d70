namespace DataMesh.Catalog.Discovery;

/// <summary>A registered version and when the catalog got it.</summary>
[ReadFromDefinitions]
public sealed record VersionFacts(string Version, DateTimeOffset RegisteredAt);
