using System.ComponentModel.DataAnnotations;

namespace DataMesh.Catalog.Access;

/// <summary>A new API key: <see cref="Key"/> is shown this once and never stored.</summary>
public sealed record IssuedApiKey(
    Guid Id,
    [property: MaxLength(AccessDesk.MaxIdLength)] string ConsumerId,
    [property: MaxLength(ApiKeySecret.Length)] string Key,
    [property: MaxLength(ApiKeySecret.PrefixLength)] string Prefix,
    DateTimeOffset CreatedAt);
