namespace DataMesh.Catalog.Discovery;

/// <summary>A dead-lettered event: which consumer dropped it, when, and why.</summary>
public sealed record DeadLetterFacts(string ConsumerId, string EventId, string? EventType, string? ContractVersion, string Reason, DateTimeOffset ReceivedAt);
