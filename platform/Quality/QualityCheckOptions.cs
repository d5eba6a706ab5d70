namespace DataMesh.Quality;

/// <summary>How rules are run against the database.</summary>
public sealed class QualityCheckOptions
{
    /// <summary>
    /// PostgreSQL's <c>statement_timeout</c> for each rule: a rule's query must not hold the domain's database for
    /// long (each runs alone, in a read-only transaction).
    /// </summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
