using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Observations;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// The product's events its domain's outbox relay parked (refused again and again, no longer offered), as the domain
/// last reported them: how many, when the oldest was parked and why (the sidecar's words).
/// </summary>
public sealed record ParkedEventsFacts(
    int Count,
    DateTimeOffset? OldestParkedAt,
    [property: MaxLength(ParkedEventsRecord.MaxReasonLength)] string? OldestReason,
    DateTimeOffset ReportedAt);
