using DataMesh.DataProducts.Publishing;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// What the owning domain last reported of one data product's parked outbox events: events its relay gave up offering
/// after repeated refusals (too large for the broker, refused by the component), kept in the domain's outbox.
/// </summary>
public sealed class ParkedEventsRecord
{
    /// <summary>The longest reason kept: the domain's own limit (the sidecar's words, cut).</summary>
    public const int MaxReasonLength = OutboxModel.MaxLastErrorLength;

    public required string DataProductId { get; set; }

    public int Count { get; set; }

    public DateTimeOffset? OldestParkedAt { get; set; }

    public string? OldestReason { get; set; }

    public DateTimeOffset ReportedAt { get; set; }
}
