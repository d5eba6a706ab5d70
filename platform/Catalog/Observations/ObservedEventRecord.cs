namespace DataMesh.Catalog.Observations;

/// <summary>
/// A CloudEvent id recently counted for a data product, so that a redelivery (the sidecar delivers at least once)
/// is not counted again. Kept only as long as a redelivery could still land in a counted hour.
/// </summary>
public sealed class ObservedEventRecord
{
    public required string DataProductId { get; set; }

    public required string EventId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
