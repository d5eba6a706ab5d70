using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.DomainServices.Paging;

namespace DataMesh.Catalog.Api;

/// <summary>Teams and their members: owner teams from descriptors (read-only here), teams that own no product kept by the catalog.</summary>
public static class TeamEndpoints
{
    public sealed record TeamBody([property: MaxLength(TeamDirectory.MaxNameLength)] string Name, [property: MaxLength(CatalogRefusal.MaxDescriptionLength)] string? Description);

    public sealed record MemberBody([property: MaxLength(TeamDirectory.MaxUserNameLength)] string UserName, TeamRole Role);

    public static RouteGroupBuilder MapTeams(this RouteGroupBuilder api)
    {
        api.MapPost("/teams", async (TeamBody body, CatalogCaller caller, TeamDirectory teams, CancellationToken ct) =>
            TypedResults.Created($"{CatalogApi.Prefix}/teams/{body.Name}/members", await teams.CreateTeamAsync(body.Name, body.Description, caller, ct)))
            .WithName("create-team").WithSummary("Creates a team that owns no data product (administrators only).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        api.MapGet("/teams/{team}/members", async ([MaxLength(TeamDirectory.MaxNameLength)] string team, CatalogCaller caller, TeamDirectory teams, CancellationToken ct) => TypedResults.Ok(await teams.MembersAsync(team, caller, ct)))
            .WithListLimit().WithName("team-members").WithSummary("A team's members and their roles.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPut("/teams/{team}/members", async ([MaxLength(TeamDirectory.MaxNameLength)] string team, MemberBody body, CatalogCaller caller, TeamDirectory teams, CancellationToken ct) =>
            TypedResults.Ok(await teams.AddMemberAsync(team, body.UserName, body.Role, caller, ct)))
            .WithName("add-team-member").WithSummary("Adds a person to a team that owns no product, or changes their role (its members and administrators).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapDelete("/teams/{team}/members/{userName}", async ([MaxLength(TeamDirectory.MaxNameLength)] string team, [MaxLength(TeamDirectory.MaxUserNameLength)] string userName, CatalogCaller caller, TeamDirectory teams, CancellationToken ct) =>
        {
            await teams.RemoveMemberAsync(team, userName, caller, ct);
            return TypedResults.NoContent();
        }).WithName("remove-team-member").WithSummary("Removes a person from a team that owns no product (its members and administrators).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }
}
