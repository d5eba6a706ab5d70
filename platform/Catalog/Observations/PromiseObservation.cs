namespace DataMesh.Catalog.Observations;

/// <summary>
/// What the catalog observed of a data product against what it promises: the newest event, events in the
/// last hour, contract violations consumers dead-lettered, and whether the freshness promise is kept now
/// (null while no event was seen or nothing is promised).
/// </summary>
public sealed record PromiseObservation(
    DateTimeOffset? LastEventAt,
    long EventsLastHour,
    long DeadLettered,
    TimeSpan? FreshnessPromise,
    bool? FreshnessKept)
{
    public bool Breached => FreshnessKept == false;
}
