using System.Text.Json.Nodes;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// A dead letter as the catalog shows it to one caller: the event (null when too large to keep) with its personal fields
/// masked unless the caller speaks for the consuming product's team, and whether and by whom it was replayed.
/// </summary>
public sealed record KeptDeadLetter(
    long Id,
    string DataProductId,
    string ConsumerId,
    string EventId,
    string? EventType,
    string? ContractVersion,
    string Reason,
    DateTimeOffset ReceivedAt,
    JsonObject? Event,
    bool Masked,
    DateTimeOffset? ReplayedAt,
    string? ReplayedBy);
