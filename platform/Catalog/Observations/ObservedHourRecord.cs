namespace DataMesh.Catalog.Observations;

/// <summary>How many events of a data product arrived in one hour: counters, not rows per event, so observing stays cheap.</summary>
public sealed class ObservedHourRecord
{
    public required string DataProductId { get; set; }

    public DateTimeOffset Hour { get; set; }

    public long Events { get; set; }
}
