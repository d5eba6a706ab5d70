namespace DataMesh.Quality;

/// <summary>What one run of a rule found: the promise kept, broken, or not measurable this time (the query failed).</summary>
public enum QualityOutcome
{
    Passed,
    Failed,
    Error,
}
