namespace DataMesh.Contracts.Compatibility;

/// <summary>
/// One difference between two versions of a contract: where (a path with element names, e.g.
/// <c>schema[EmployeeHired].properties[email].classification</c>), how much it matters, why, and whether the element
/// was added, removed or changed.
/// </summary>
public sealed record ContractChange(string Path, ChangeKind Kind, string Reason, ChangeAction Action = ChangeAction.Changed)
{
    public override string ToString() => $"{Path}: {Reason}";
}
