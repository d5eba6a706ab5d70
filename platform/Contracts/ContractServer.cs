namespace DataMesh.Contracts;

/// <summary>
/// An ODCS <c>servers</c> entry. A <c>kafka</c> server names its <see cref="Topic"/> (not an ODCS v3.0.x
/// field: Dapr pub/sub addresses topics by name and owns the broker address, so <see cref="Host"/> is
/// optional). An <c>api</c> server's <see cref="Location"/> is the query endpoint, usually a path under the
/// gateway such as <c>/api/hr/employees</c>, since service discovery supplies the host.
/// </summary>
public sealed record ContractServer(
    string Server,
    ContractServerType Type,
    string? Description,
    string? Environment,
    string? Host,
    string? Topic,
    string? Format,
    string? Location,
    DefinitionSource Source);
