namespace DataMesh.Tool.Lint;

/// <summary>
/// Whether the descriptors and contracts are what ODCS and ODPS allow: today the contract library's loader, the same
/// check a domain's service runs at startup (which still applies the mesh's rules as it reads).
/// </summary>
public sealed class StandardValidityStep : ILintStep
{
    public string Name => "validity";

    public string Title => "Validity against the standards (ODCS v3.0.x contracts, ODPS v1.0.0 descriptors)";

    public LintStepResult Check(DefinitionInput input) => new(input.Problems());
}
