namespace DataMesh.Contracts.Quality;

/// <summary>
/// The kinds of ODCS <c>quality</c> rule. Only <see cref="Library"/> and <see cref="Sql"/> are measured by the
/// platform; <see cref="Text"/> is prose for people and <see cref="Custom"/> belongs to another engine (Soda, Great
/// Expectations, dbt), so both are kept as written and never run.
/// </summary>
public enum QualityRuleType
{
    /// <summary>A predefined metric (<see cref="QualityMetric"/>); ODCS's default when <c>type</c> is absent.</summary>
    Library,
    Sql,
    Text,
    Custom,
}
