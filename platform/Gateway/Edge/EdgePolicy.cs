namespace DataMesh.Gateway.Edge;

/// <summary>What the catalog says the gateway enforces: each domain's owner teams and the data products' query ports.</summary>
public sealed record EdgePolicy(IReadOnlyDictionary<string, IReadOnlyList<string>> DomainTeams, IReadOnlyList<QueryPort> QueryPorts)
{
    public QueryPort? QueryPortFor(PathString path) => QueryPorts.FirstOrDefault(port => port.Serves(path));

    public bool IsTeamOf(string domain, string team) => DomainTeams.TryGetValue(domain, out var teams) && teams.Contains(team);
}
