namespace DataMesh.Catalog.Access;

/// <summary>
/// A consumer's API key. Only its SHA-256 hash is stored: the key is 256 random bits, so a fast hash is enough
/// (nothing to brute-force), and it lets the gateway's look-up find the key by an index.
/// </summary>
public sealed class ApiKeyRecord
{
    public Guid Id { get; set; }

    public required string ConsumerId { get; set; }

    /// <summary>The key's first characters, shown in lists so people can tell their keys apart.</summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
