namespace DataMesh.Contracts;

/// <summary>The ODCS v3.0.x logical types, written in lower case in the files.</summary>
public enum LogicalType
{
    String,
    Date,
    Number,
    Integer,
    Object,
    Array,
    Boolean,
}
