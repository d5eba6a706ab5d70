using DataMesh.Contracts.Model;
using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// Data a product promises: one version of one contract. As in ODPS, each live contract version is its own
/// output port, so a product can serve v1 and v2 side by side during a migration. <see cref="Description"/> and
/// <see cref="ContractId"/> are empty when not written (governance asks for the contract).
/// </summary>
public sealed record OutputPort(string Name, string Description, string? Type, SemVersion Version, string ContractId, DefinitionSource Source)
{
    /// <summary>The <c>version</c> as written; <see cref="Version"/> is it as semver (0.0.0 when it is not, which governance refuses).</summary>
    public string VersionText { get; init; } = "";

    /// <summary>Where the software bills of materials of what produces the port are.</summary>
    public IReadOnlyList<SoftwareBillOfMaterials> Sbom { get; init; } = [];

    /// <summary>The contracts the port's data is derived from.</summary>
    public IReadOnlyList<InputContract> InputContracts { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];
}
