namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// An event a data product has published but the relay may not have sent yet: a row of the domain's own
/// <c>data_product_outbox</c> table, written in the transaction of the domain change it reports.
/// </summary>
public sealed class OutboxEvent
{
    /// <summary>The CloudEvent id, so that every resend of this row is recognisably the same event.</summary>
    public Guid Id { get; set; }

    /// <summary>Commit-independent order of writing; the relay sends in this order.</summary>
    public long Sequence { get; set; }

    public required string DataProductId { get; set; }

    public required string OutputPort { get; set; }

    public required string ContractId { get; set; }

    public required string ContractVersion { get; set; }

    public required string Topic { get; set; }

    /// <summary>The contract's schema object the data follows, e.g. <c>EmployeeHired</c>; the CloudEvent type.</summary>
    public required string EventType { get; set; }

    /// <summary>The entity the event is about; events of one key reach consumers in order.</summary>
    public required string PartitionKey { get; set; }

    /// <summary>The event data as JSON text, exactly as validated.</summary>
    public required string Data { get; set; }

    /// <summary>W3C traceparent of the activity that published the event, so its trace continues at the consumer.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the sidecar accepted the event; null while it still has to be sent.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>How many times the sidecar refused this event for the event's own sake (see <see cref="OutboxRelay{TDbContext}"/>).</summary>
    public int Attempts { get; set; }

    /// <summary>The sidecar's last refusal of this event (its words, never the event's data); null while none.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// When the relay gave the event up after <see cref="OutboxRelayOptions.MaxAttempts"/> refusals: it is no longer
    /// offered and no longer holds back its key. Null while it is still to be sent (or was sent).
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }
}
