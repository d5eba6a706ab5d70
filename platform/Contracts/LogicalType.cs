namespace DataMesh.Contracts;

/// <summary>The ODCS v3.0.x logical types, written in lower case in the files.</summary>
public enum LogicalType
{
    String,
    Date,

    /// <summary>A point in time with its time of day (ODCS v3.1.0).</summary>
    Timestamp,

    /// <summary>A time of day (ODCS v3.1.0).</summary>
    Time,
    Number,
    Integer,
    Object,
    Array,
    Boolean,
}
