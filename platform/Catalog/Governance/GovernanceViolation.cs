using DataMesh.Contracts;

namespace DataMesh.Catalog.Governance;

/// <summary>A registration that breaks one of the mesh's governance rules, located in the file that breaks it.</summary>
public sealed record GovernanceViolation(string Rule, ContractValidationError Error);
