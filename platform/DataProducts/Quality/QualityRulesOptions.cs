namespace DataMesh.DataProducts.Quality;

/// <summary>How the service runs its own contracts' scheduled ODCS quality rules.</summary>
public sealed class QualityRulesOptions
{
    /// <summary>Off, no rule runs on schedule (they still run on demand with <c>datamesh test</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Runs every scheduled rule once when the service starts, before following the schedules, so the catalog knows
    /// the promises' state after a deployment rather than at the next scheduled time (a daily rule would leave it unknown
    /// for up to a day).
    /// </summary>
    public bool RunAtStart { get; set; } = true;

    /// <summary>
    /// When set, every scheduled rule runs this often instead of at its cron times: a run of the mesh that must see a
    /// promise breached and kept again within seconds (the end-to-end tests, a demonstration) rather than at the
    /// contracts' times. Unset in production: the contract's schedule is the promise.
    /// </summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>The setting of <see cref="Interval"/> (a <see cref="TimeSpan"/>, <c>00:00:05</c>), which the AppHost passes on from <c>Mesh:Quality:Interval</c>.</summary>
    public const string IntervalKey = "DataProducts:Quality:Interval";

    /// <summary>PostgreSQL's <c>statement_timeout</c> for one rule's query.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Results kept while the catalog does not answer; the oldest go first beyond this.</summary>
    public int MaxPendingResults { get; set; } = 1000;
}
