namespace DataMesh.Tool.Lint;

/// <summary>The steps of <c>datamesh lint</c>, in the order they report.</summary>
public static class LintSteps
{
    public static IReadOnlyList<ILintStep> All { get; } = [new StandardValidityStep(), new MeshGovernanceStep()];
}
