namespace DataMesh.Contracts;

/// <summary>The life-cycle status ODPS and ODCS both list; written in lower case in the files.</summary>
public enum DataProductStatus
{
    Proposed,
    Draft,
    Active,
    Deprecated,
    Retired,
}
