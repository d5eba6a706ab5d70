using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.DomainServices.Paging;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Access;

/// <summary>
/// Who belongs to which team. An owner team's members are the people its data products' newest descriptors name in
/// <c>team.members</c> (all of its products together; <c>owner</c> in any of them makes an owner); a team that owns no
/// product is kept here (<see cref="TeamRecord"/>), created by an administrator, its members managed by administrators
/// and by its own members.
/// </summary>
public sealed class TeamDirectory(CatalogDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 63;
    public const int MaxUserNameLength = 200;

    /// <summary>A signed-in person with the teams they belong to.</summary>
    public async Task<PersonCaller> PersonAsync(string userName, bool administrator, CancellationToken cancellationToken) =>
        new(userName, administrator, await TeamsOfAsync(userName, cancellationToken));

    public async Task<IReadOnlyList<TeamMembership>> TeamsOfAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = TeamMembership.Normalize(userName);
        var named = (await db.ProductTeamMembers.AsNoTracking().Where(m => m.UserName == normalized)
                .Join(db.DataProducts, m => m.DataProductId, p => p.Id, (m, p) => new { p.Owner, m.Role })
                .ToListAsync(cancellationToken))
            .Select(m => new TeamMembership(m.Owner, TeamMembership.RoleFrom(m.Role)));
        var kept = await db.TeamMembers.AsNoTracking().Where(m => m.UserName == normalized)
            .Select(m => new TeamMembership(m.Team, m.Role)).ToListAsync(cancellationToken);
        return named.Concat(kept).GroupBy(m => m.Team, StringComparer.Ordinal)
            .Select(g => new TeamMembership(g.Key, g.Max(m => m.Role)))
            .OrderBy(m => m.Team, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether a team is known: it owns a registered data product, or the catalog keeps it.</summary>
    public async Task<bool> ExistsAsync(string team, CancellationToken cancellationToken) =>
        await db.DataProducts.AnyAsync(p => p.Owner == team, cancellationToken) || await db.Teams.AnyAsync(t => t.Name == team, cancellationToken);

    /// <summary>The teams the catalog keeps (those that own no product).</summary>
    public async Task<IReadOnlyList<TeamRecord>> KeptTeamsAsync(CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    /// <summary>A team's members, from its products' descriptors or from the catalog.</summary>
    public async Task<IReadOnlyList<TeamMemberFacts>> MembersAsync(string team, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CatalogRefusal.ThrowIfBlank("team", team, MaxNameLength);
        caller.MustBeIdentified();
        if (!await ExistsAsync(team, cancellationToken))
        {
            throw CatalogRefusal.NotFound("team", $"no team '{team}'");
        }

        var named = (await db.ProductTeamMembers.AsNoTracking()
                .Join(db.DataProducts.Where(p => p.Owner == team), m => m.DataProductId, p => p.Id, (m, p) => m)
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.UserName, StringComparer.Ordinal)
            .Select(g => new TeamMemberFacts(g.Key, g.Max(m => TeamMembership.RoleFrom(m.Role)), FromDescriptor: true));
        var kept = await db.TeamMembers.AsNoTracking().Where(m => m.Team == team)
            .Select(m => new TeamMemberFacts(m.UserName, m.Role, false)).ToListAsync(cancellationToken);
        return named.Concat(kept).OrderBy(m => m.UserName, StringComparer.Ordinal).Take(ListLimit.MaxItems).ToList();
    }

    /// <summary>An administrator creates a team that owns no data product.</summary>
    public async Task<TeamRecord> CreateTeamAsync(string name, string? description, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.Must(TeamRecord.MayBeCreatedBy(caller), "name", "only a platform administrator creates teams that own no data product");
        CatalogRefusal.ThrowIfBlank("name", name, MaxNameLength);
        CatalogRefusal.ThrowIfLonger("description", description, CatalogRefusal.MaxDescriptionLength);
        if (await ExistsAsync(name, cancellationToken))
        {
            throw CatalogRefusal.Conflict("name", $"team '{name}' exists already (an owner team's members come from its data products' descriptors)");
        }

        var team = new TeamRecord { Name = name, Description = description, CreatedBy = caller.Name, CreatedAt = clock.GetUtcNow() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        return team;
    }

    /// <summary>Adds a person to a team the catalog keeps, or changes their role.</summary>
    public async Task<TeamMemberFacts> AddMemberAsync(string team, string userName, TeamRole role, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var record = await KeptTeamAsync(team, caller, cancellationToken);
        caller.Must(record.MembersMayBeManagedBy(caller), "team", $"only members of team '{team}' and administrators manage its members");
        CatalogRefusal.ThrowIfBlank("userName", userName, MaxUserNameLength);
        var normalized = TeamMembership.Normalize(userName);
        var member = await db.TeamMembers.FindAsync([team, normalized], cancellationToken);
        if (member is null)
        {
            db.TeamMembers.Add(new TeamMemberRecord { Team = team, UserName = normalized, Role = role, AddedBy = caller.Name, AddedAt = clock.GetUtcNow() });
        }
        else
        {
            member.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TeamMemberFacts(normalized, role, FromDescriptor: false);
    }

    public async Task RemoveMemberAsync(string team, string userName, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CatalogRefusal.ThrowIfBlank("userName", userName, MaxUserNameLength);
        var record = await KeptTeamAsync(team, caller, cancellationToken);
        caller.Must(record.MembersMayBeManagedBy(caller), "team", $"only members of team '{team}' and administrators manage its members");
        var member = await db.TeamMembers.FindAsync([team, TeamMembership.Normalize(userName)], cancellationToken)
            ?? throw CatalogRefusal.NotFound("userName", $"'{userName}' is not a member of team '{team}'");
        db.TeamMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<TeamRecord> KeptTeamAsync(string team, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CatalogRefusal.ThrowIfBlank("team", team, MaxNameLength);
        caller.MustBeIdentified();
        if (await db.Teams.FindAsync([team], cancellationToken) is { } kept)
        {
            return kept;
        }

        throw await db.DataProducts.AnyAsync(p => p.Owner == team, cancellationToken)
            ? CatalogRefusal.Conflict("team", $"team '{team}' owns data products: its members are the ones its descriptors name, changed by registering them")
            : CatalogRefusal.NotFound("team", $"no team '{team}'");
    }
}
