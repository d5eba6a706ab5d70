using DataMesh.Contracts;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// The owning team as the catalog shows it: its name, description and members. The catalog's own record, so the API
/// keeps its shape whatever else the contract library reads from a descriptor's team.
/// </summary>
[ReadFromDefinitions]
public sealed record OwnerTeamFacts(string Name, string? Description, IReadOnlyList<TeamMemberFacts> Members)
{
    public static OwnerTeamFacts Of(Team team) =>
        new(team.Name, team.Description, team.Members.Select(m => new TeamMemberFacts(m.Username, m.Name, m.Role)).ToList());
}
