namespace DataMesh.DomainServices.Idempotency;

/// <summary>
/// A command that carried an <c>Idempotency-Key</c>, kept with its answer in the domain's database, committed in
/// the same transaction as the command's changes: a retry with the same key gets the same answer and changes
/// nothing.
/// </summary>
public sealed class IdempotentRequest
{
    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    public required int StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public required byte[] Body { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
