namespace DataMesh.Catalog.Observations;

/// <summary>What the catalog saw of a data product's events: the newest one.</summary>
public sealed class ObservedProductRecord
{
    public required string DataProductId { get; set; }

    /// <summary>The newest event's CloudEvent <c>time</c>, or when it arrived when it had none.</summary>
    public DateTimeOffset LastEventAt { get; set; }

    public required string LastEventId { get; set; }
}
