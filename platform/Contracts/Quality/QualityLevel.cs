namespace DataMesh.Contracts.Quality;

/// <summary>Where a rule is written: on a schema object (a table's rows) or on one of its properties (a column).</summary>
public enum QualityLevel
{
    Object,
    Property,
}
