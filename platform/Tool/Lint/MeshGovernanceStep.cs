namespace DataMesh.Tool.Lint;

/// <summary>
/// The mesh's own rules beyond the standards (owner team, classifications, personal data classified confidential or
/// restricted, freshness and retention promises, routable identifiers). The contract library does not check them
/// apart from validity yet: its loader applies them while reading, so their findings are reported under validity.
/// </summary>
public sealed class MeshGovernanceStep : ILintStep
{
    public string Name => "governance";

    public string Title => "Mesh governance (the catalog's rules at registration)";

    public LintStepResult Check(DefinitionInput input) =>
        new([], "not a separate check yet: the contract library applies these rules while reading, so their findings are listed under validity");
}
