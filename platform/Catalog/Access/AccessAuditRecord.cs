namespace DataMesh.Catalog.Access;

/// <summary>One entry of the audit trail: who did what to an access request or an API key, and when. Never updated.</summary>
public sealed class AccessAuditRecord
{
    public long Id { get; set; }

    /// <summary>requested, approved, denied, revoked, key-issued, key-rotated, key-revoked.</summary>
    public required string Action { get; set; }

    /// <summary>The caller: a signed-in person's user name, a consumer's id or a service's name (<see cref="CatalogCaller.Name"/>).</summary>
    public required string Actor { get; set; }

    public CallerKind ActorKind { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ConsumerId { get; set; }

    public string? DataProductId { get; set; }

    public Guid? RequestId { get; set; }

    public Guid? ApiKeyId { get; set; }

    public string? Note { get; set; }
}
