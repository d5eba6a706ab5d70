namespace DataMesh.Quality;

/// <summary>
/// One run of one rule. <see cref="Measured"/> is the metric or the query's value (null on error);
/// <see cref="Detail"/> says what was measured against what, or why it could not be, and never quotes the data.
/// </summary>
public sealed record QualityCheckResult(ContractQualityRule Rule, QualityOutcome Outcome, decimal? Measured, string Detail, DateTimeOffset CheckedAt);
