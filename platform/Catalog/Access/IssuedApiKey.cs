namespace DataMesh.Catalog.Access;

/// <summary>A new API key: <see cref="Key"/> is shown this once and never stored.</summary>
public sealed record IssuedApiKey(Guid Id, string ConsumerId, string Key, string Prefix, DateTimeOffset CreatedAt);
