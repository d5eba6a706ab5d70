using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// Data a product consumes: the contract (id and the version the consumer was written against) and the
/// upstream product offering it. ODPS v1.0.0 has no field for the upstream product; we add
/// <c>dataProductId</c> so lineage does not depend on opening the contract.
/// </summary>
public sealed record InputPort(string Name, string DataProductId, string ContractId, SemVersion Version, DefinitionSource Source);
