using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Observations;

namespace DataMesh.Catalog.Discovery;

/// <summary>A dead-lettered event: which consumer dropped it, when, and why.</summary>
public sealed record DeadLetterFacts(
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string ConsumerId,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string EventId,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string? EventType,
    [property: MaxLength(DeadLetterRecord.MaxAttributeLength)] string? ContractVersion,
    [property: MaxLength(DeadLetterRecord.MaxReasonLength)] string Reason,
    DateTimeOffset ReceivedAt);
