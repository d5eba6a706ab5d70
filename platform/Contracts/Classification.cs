namespace DataMesh.Contracts;

/// <summary>
/// How sensitive a field is, in rising order. ODCS leaves <c>classification</c> free text; we fix these four
/// so that access rules and the personal-data check can rely on them.
/// </summary>
public enum Classification
{
    Public,
    Internal,
    Confidential,
    Restricted,
}
