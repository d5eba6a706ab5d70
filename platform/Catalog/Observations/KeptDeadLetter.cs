using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Registry;
using System.Text.Json.Nodes;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// A dead letter as the catalog shows it to one caller: the event (null when too large to keep) with its personal fields
/// masked unless the caller speaks for the consuming product's team, and whether and by whom it was replayed.
/// </summary>
public sealed record KeptDeadLetter(
    long Id,
    [property: MaxLength(DataProductRecord.MaxIdLength)] string DataProductId,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string ConsumerId,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string EventId,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string? EventType,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string? ContractVersion,
    [property: MaxLength(DeadLetterRecord.MaxReasonLength)] string Reason,
    DateTimeOffset ReceivedAt,
    JsonObject? Event,
    bool Masked,
    DateTimeOffset? ReplayedAt,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string? ReplayedBy);
