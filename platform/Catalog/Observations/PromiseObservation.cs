namespace DataMesh.Catalog.Observations;

/// <summary>
/// What the catalog observed of a data product against what it promises: the newest event, events in the
/// last hour, contract violations consumers dead-lettered, whether the freshness promise is kept now
/// (null while no event was seen or nothing is promised), and how many of its quality rules did not pass their last
/// run (<see cref="QualityRuns"/>; kept is null while no rule was reported).
/// </summary>
public sealed record PromiseObservation(
    DateTimeOffset? LastEventAt,
    long EventsLastHour,
    long DeadLettered,
    TimeSpan? FreshnessPromise,
    bool? FreshnessKept,
    int QualityRules,
    int QualityRulesNotPassing)
{
    public bool? QualityKept => QualityRules > 0 ? QualityRulesNotPassing == 0 : null;

    /// <summary>A promise is broken: the newest event is older than promised, or a quality rule failed (or could not run) its last time.</summary>
    public bool Breached => FreshnessKept == false || QualityKept == false;
}
