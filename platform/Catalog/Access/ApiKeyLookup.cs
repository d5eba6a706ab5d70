namespace DataMesh.Catalog.Access;

/// <summary>What the gateway learns from a valid API key: who calls and what it may read, for which purpose.</summary>
public sealed record ApiKeyLookup(string ConsumerId, string Team, IReadOnlyList<GrantFacts> Grants);
