namespace DataMesh.Contracts.Model;

/// <summary>An output port's <c>inputContracts</c> entry (ODPS): a contract (id and version, as written) the port's data is derived from.</summary>
public sealed record InputContract(string Id, string Version);
