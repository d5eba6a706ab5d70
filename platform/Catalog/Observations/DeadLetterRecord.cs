namespace DataMesh.Catalog.Observations;

/// <summary>An event a consumer dropped as breaking the contract, as the dead-letter topic delivered it, with the reason.</summary>
public sealed class DeadLetterRecord
{
    /// <summary>
    /// The most kept of an event's id, type and contract version, and of the consumer's id: whatever a producer writes there,
    /// an event with longer ones is kept with them cut (<see cref="EventObservations"/>), so a hostile event cannot swell the catalog.
    /// </summary>
    public const int MaxAttributeLength = 200;

    /// <summary>The most kept of why an event was dropped: the first violations, cut with an ellipsis.</summary>
    public const int MaxReasonLength = 4000;

    /// <summary>
    /// The largest CloudEvent (its JSON, in UTF-8 bytes) kept to be replayed: a bigger one is recorded without it
    /// (<see cref="Payload"/> null) and cannot be replayed from the catalog; 256 KiB is well above what the mesh's
    /// events weigh and keeps a flood of hostile dead letters from swelling the catalog.
    /// </summary>
    public const int MaxPayloadBytes = 256 * 1024;

    public long Id { get; set; }

    /// <summary>The producing data product.</summary>
    public required string DataProductId { get; set; }

    /// <summary>The consuming data product whose dead-letter topic it came from.</summary>
    public required string ConsumerId { get; set; }

    public required string Topic { get; set; }

    public required string EventId { get; set; }

    public string? EventType { get; set; }

    public string? ContractVersion { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The whole CloudEvent as the dead-letter topic delivered it (attributes and data), or null when larger than <see cref="MaxPayloadBytes"/>.</summary>
    public string? Payload { get; set; }

    /// <summary>When it was last sent back to the consumer (<see cref="DeadLetterReplay"/>), or null.</summary>
    public DateTimeOffset? ReplayedAt { get; set; }

    /// <summary>Who last replayed it (<see cref="Access.CatalogCaller.Name"/>), or null.</summary>
    public string? ReplayedBy { get; set; }
}
