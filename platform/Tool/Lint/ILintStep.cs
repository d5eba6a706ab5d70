using DataMesh.Contracts;

namespace DataMesh.Tool.Lint;

/// <summary>
/// One named step of <c>datamesh lint</c>, reported as its own section: first validity against the standards, then
/// the mesh's governance. The steps are listed in one place, <see cref="LintSteps"/>.
/// </summary>
public interface ILintStep
{
    /// <summary>The step's short name, e.g. <c>validity</c>; GitHub annotations carry it in their title.</summary>
    string Name { get; }

    /// <summary>The section's heading.</summary>
    string Title { get; }

    /// <summary>Every finding of this step in <paramref name="input"/>.</summary>
    LintStepResult Check(DefinitionInput input);
}

/// <summary>What a step found, and a note when the step has something to say besides its findings.</summary>
public sealed record LintStepResult(IReadOnlyList<ContractValidationError> Findings, string? Note = null);
