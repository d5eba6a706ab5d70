using DataMesh.Contracts;

namespace DataMesh.Tool.Lint;

/// <summary>
/// The mesh's own rules beyond the standards (<see cref="MeshGovernance"/>: owner, classifications, personal data
/// classified confidential or restricted, promises, routable identifiers, servers), the check the catalog applies at
/// registration. The library runs it on documents that are valid, so a document with validity findings shows those first.
/// </summary>
public sealed class MeshGovernanceStep : ILintStep
{
    public string Name => "governance";

    public string Title => "Mesh governance (the catalog's rules at registration)";

    public LintStepResult Check(DefinitionInput input) => new(input.Problems().Where(problem => problem.Rule is not null).ToList());
}
