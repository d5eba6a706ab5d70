namespace DataMesh.Contracts;

/// <summary>Which standard a document follows, where ODCS and ODPS shape the same section differently.</summary>
internal enum Standard
{
    /// <summary>The Open Data Contract Standard (<c>*.odcs.yaml</c>).</summary>
    Odcs,

    /// <summary>The Open Data Product Standard (<c>*.odps.yaml</c>).</summary>
    Odps,
}
