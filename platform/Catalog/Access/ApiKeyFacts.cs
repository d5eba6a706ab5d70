namespace DataMesh.Catalog.Access;

/// <summary>An API key as its consumer's managers see it: never the key, never its hash.</summary>
public sealed record ApiKeyFacts(Guid Id, string ConsumerId, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
