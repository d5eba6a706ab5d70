namespace DataMesh.Tool.Lint;

/// <summary>
/// Whether the descriptors and contracts are what ODCS v3.x and ODPS v1.0.0 allow, and whether the files agree with each
/// other (a contract's product exists and offers it, an input port's upstream contract is there): the contract
/// library's findings that name no governance rule.
/// </summary>
public sealed class StandardValidityStep : ILintStep
{
    public string Name => "validity";

    public string Title => "Validity against the standards (ODCS v3.x contracts, ODPS v1.0.0 descriptors)";

    public LintStepResult Check(DefinitionInput input) => new(input.Problems().Where(problem => problem.Rule is null).ToList());
}
