using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// Data a product promises: one version of one contract. As in ODPS, each live contract version is its own
/// output port, so a product can serve v1 and v2 side by side during a migration.
/// </summary>
public sealed record OutputPort(string Name, string Description, string? Type, SemVersion Version, string ContractId, DefinitionSource Source);
