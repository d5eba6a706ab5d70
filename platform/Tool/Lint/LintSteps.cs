namespace DataMesh.Tool.Lint;

/// <summary>
/// The steps of <c>datamesh lint</c>, in the order they report. The one place to rewire when the contract library
/// separates the standards' validity from the mesh's governance: give each step its library check.
/// </summary>
public static class LintSteps
{
    public static IReadOnlyList<ILintStep> All { get; } = [new StandardValidityStep(), new MeshGovernanceStep()];
}
