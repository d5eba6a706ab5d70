namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// An event one input port has applied: a row of the domain's <c>data_product_inbox</c> table, written in the
/// transaction of the handler's changes, so that a redelivered event is recognised and has no second effect.
/// </summary>
public sealed class InboxEntry
{
    /// <summary>The consuming data product.</summary>
    public required string DataProductId { get; set; }

    public required string InputPort { get; set; }

    /// <summary>The CloudEvent id, stable across redeliveries and resends.</summary>
    public required string EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The CloudEvent source: which upstream product sent it, for investigations.</summary>
    public required string Source { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>
    /// The event's data (JSON), kept only when it held fields the consumer's contract version does not name (a later
    /// minor version's): the handler applied what it knows, and what it could not read is not lost. Null otherwise.
    /// </summary>
    public string? Data { get; set; }
}
