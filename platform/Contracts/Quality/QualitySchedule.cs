using Cronos;

namespace DataMesh.Contracts.Quality;

/// <summary>
/// When the platform runs a rule: ODCS's <c>scheduler</c> and <c>schedule</c>. The only scheduler we run is
/// <c>cron</c> (the standard's example and its former <c>scheduleCronExpression</c>), with a five-field expression
/// evaluated in UTC (a cron schedule that does not parse is kept with <see cref="Cron"/> null, and refused by governance); a rule without a schedule is run only on demand (<c>datamesh test</c>). Another scheduler's
/// schedule is kept as written (<see cref="Cron"/> null) for the tool that runs it.
/// </summary>
public sealed record QualitySchedule(string Scheduler, string Expression, CronExpression? Cron)
{
    public const string CronScheduler = "cron";

    /// <summary>The first run after <paramref name="after"/>, or null when the platform does not run it (not cron, or never again).</summary>
    /// <summary>The five-field cron expression <paramref name="expression"/>, or false with the parser's reason.</summary>
    public static bool TryParseCron(string expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CronExpression? cron, out string? reason)
    {
        try
        {
            (cron, reason) = (CronExpression.Parse(expression, CronFormat.Standard), null);
            return true;
        }
        catch (CronFormatException exception)
        {
            (cron, reason) = (null, exception.Message);
            return false;
        }
    }

    public DateTimeOffset? NextAfter(DateTimeOffset after) => Cron?.GetNextOccurrence(after, TimeZoneInfo.Utc);
}
