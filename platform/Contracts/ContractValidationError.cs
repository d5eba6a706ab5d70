namespace DataMesh.Contracts;

/// <summary>
/// One problem in a descriptor or contract, printed as <c>file:line:column: field: reason</c>
/// so that a failed startup names exactly what to fix.
/// </summary>
public sealed record ContractValidationError(SourceLocation Location, string Field, string Reason)
{
    public override string ToString() => Field.Length == 0 ? $"{Location}: {Reason}" : $"{Location}: {Field}: {Reason}";
}
