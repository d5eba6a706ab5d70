namespace DataMesh.Catalog.Access;

/// <summary>
/// What the gateway learns from a valid API key: who calls, for which team, how fast it may call
/// (null for the gateway's default) and what it may read, for which purpose.
/// </summary>
public sealed record ApiKeyLookup(string ConsumerId, string Team, int? RequestsPerSecond, IReadOnlyList<GrantFacts> Grants);
