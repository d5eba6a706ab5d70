using Cronos;

namespace DataMesh.Contracts.Quality;

/// <summary>
/// When the platform runs a rule: ODCS's <c>scheduler</c> and <c>schedule</c>. The only scheduler we run is
/// <c>cron</c> (the standard's example and its former <c>scheduleCronExpression</c>), with a five-field expression
/// evaluated in UTC; a rule without a schedule is run only on demand (<c>datamesh test</c>). Another scheduler's
/// schedule is kept as written (<see cref="Cron"/> null) for the tool that runs it.
/// </summary>
public sealed record QualitySchedule(string Scheduler, string Expression, CronExpression? Cron)
{
    public const string CronScheduler = "cron";

    /// <summary>The first run after <paramref name="after"/>, or null when the platform does not run it (not cron, or never again).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => Cron?.GetNextOccurrence(after, TimeZoneInfo.Utc);
}
