namespace DataMesh.Contracts;

/// <summary>
/// One problem in a descriptor or contract, printed as <c>file:line:column: field: reason</c>
/// so that a failed startup names exactly what to fix.
/// </summary>
/// <remarks><see cref="Rule"/> is null for a document that is not valid ODCS/ODPS, and names the <see cref="MeshGovernance"/> rule otherwise.</remarks>
public sealed record ContractValidationError(SourceLocation Location, string Field, string Reason)
{
    /// <summary>The mesh governance rule broken (e.g. <c>classification</c>), or null when the document itself is not valid.</summary>
    public string? Rule { get; init; }

    public override string ToString() => Field.Length == 0 ? $"{Location}: {Reason}" : $"{Location}: {Field}: {Reason}";
}
