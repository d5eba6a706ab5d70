namespace DataMesh.Catalog.Access;

/// <summary>What the gateway enforces, from the registered data products: each domain's owner teams and the query ports.</summary>
/// <param name="DomainTeams">Per domain, the teams that own its data products: only their keys send a domain commands.</param>
public sealed record EdgePolicy(IReadOnlyDictionary<string, IReadOnlyList<string>> DomainTeams, IReadOnlyList<QueryPortPolicy> QueryPorts);
