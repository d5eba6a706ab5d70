using DataMesh.Catalog.Access;
using Microsoft.AspNetCore.Authorization;

namespace DataMesh.Catalog.Pages;

/// <summary>
/// The teams the catalog keeps (those that own no data product) and their members: managed by the team's own members
/// and by administrators, who alone create such teams. Owner teams' members come from their products' descriptors.
/// </summary>
[Authorize]
public sealed class TeamsModel(TeamDirectory teams, CatalogCallerResolver callers) : CallerPageModel(callers)
{
    public sealed record KeptTeam(TeamRecord Team, IReadOnlyList<TeamMemberFacts> Members, bool Managed);

    public IReadOnlyList<KeptTeam> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostCreateAsync(string? name, string? description, CancellationToken cancellationToken)
    {
        if (await TryAsync(() => teams.CreateTeamAsync(name ?? "", description, Caller, cancellationToken)))
        {
            Outcome = $"Team {name} created: add its members.";
        }

        await LoadAsync(cancellationToken);
    }

    public async Task OnPostAddAsync(string? team, string? userName, TeamRole role, CancellationToken cancellationToken)
    {
        if (await TryAsync(() => teams.AddMemberAsync(team ?? "", userName ?? "", role, Caller, cancellationToken)))
        {
            Outcome = $"{userName} is a {role.ToString().ToLowerInvariant()} of {team}.";
        }

        await LoadAsync(cancellationToken);
    }

    public async Task OnPostRemoveAsync(string? team, string? userName, CancellationToken cancellationToken)
    {
        if (await TryAsync(() => teams.RemoveMemberAsync(team ?? "", userName ?? "", Caller, cancellationToken)))
        {
            Outcome = $"{userName} is no longer a member of {team}.";
        }

        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var kept = new List<KeptTeam>();
        await TryAsync(async () =>
        {
            foreach (var team in await teams.KeptTeamsAsync(Caller, cancellationToken))
            {
                kept.Add(new(team, await teams.MembersAsync(team.Name, Caller, cancellationToken), team.MembersMayBeManagedBy(Caller)));
            }
        });
        Teams = kept;
    }
}
