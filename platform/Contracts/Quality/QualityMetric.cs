namespace DataMesh.Contracts.Quality;

/// <summary>The predefined metrics of ODCS v3.1.0 <c>library</c> rules; each measures a number (a count, or a percentage of rows).</summary>
public enum QualityMetric
{
    /// <summary>Rows of the object (schema level only).</summary>
    RowCount,

    /// <summary>Nulls of the property (property level only).</summary>
    NullValues,

    /// <summary>Nulls plus the values <see cref="QualityArguments.MissingValues"/> names as meaning "missing" (property level only).</summary>
    MissingValues,

    /// <summary>Non-null values outside <see cref="QualityArguments.ValidValues"/> or not matching <see cref="QualityArguments.Pattern"/> (property level only).</summary>
    InvalidValues,

    /// <summary>
    /// Values repeating an earlier one: of the property, or (schema level) of the combination of
    /// <see cref="QualityArguments.Properties"/>.
    /// </summary>
    DuplicateValues,
}
