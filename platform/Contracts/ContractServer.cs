namespace DataMesh.Contracts;

/// <summary>
/// An ODCS <c>servers</c> entry. A <c>kafka</c> server's <see cref="Host"/> (the bootstrap server, which ODCS
/// requires) is written as <c>kafka</c>, the name of the Aspire resource and connection string
/// (<c>ConnectionStrings:kafka</c>) that resolves to the broker in each deployment: Dapr pub/sub owns the real
/// address. Its <see cref="Topic"/> is not a server field in ODCS: it is the <c>physicalName</c> the contract's
/// schema objects share (<c>physicalType: topic</c>), given here so code finds it with the server.
/// An <c>api</c> server's <see cref="Location"/> is the query endpoint, usually a path under the gateway such as
/// <c>/api/hr/employees</c>, since service discovery supplies the host.
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
