namespace DataMesh.Catalog.Access;

/// <summary>
/// A consumer's request to read a data product for a purpose; approved, it is a grant until revoked. Every
/// step is also written to the audit trail (<see cref="AccessAuditRecord"/>).
/// </summary>
public sealed class AccessRequestRecord
{
    public Guid Id { get; set; }

    public required string DataProductId { get; set; }

    public required string ConsumerId { get; set; }

    public required string Purpose { get; set; }

    /// <summary>Whether the consumer asks to read personal data; otherwise the gateway withholds it.</summary>
    public bool PersonalData { get; set; }

    public AccessStatus Status { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}
