using System.ComponentModel.DataAnnotations;

namespace DataMesh.Catalog.Access;

/// <summary>An API key as its consumer's managers see it: never the key, never its hash.</summary>
public sealed record ApiKeyFacts(
    Guid Id,
    [property: MaxLength(AccessDesk.MaxIdLength)] string ConsumerId,
    [property: MaxLength(ApiKeySecret.PrefixLength)] string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
