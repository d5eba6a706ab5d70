namespace DataMesh.Catalog.Access;

/// <summary>
/// A signed-in person: their user name (as descriptors' <c>team.members</c> name them), whether they are a platform
/// administrator, and the teams they belong to (<see cref="TeamDirectory"/>).
/// </summary>
public sealed record PersonCaller(string UserName, bool Administrator, IReadOnlyList<TeamMembership> Teams) : CatalogCaller
{
    public override CallerKind Kind => CallerKind.Person;

    public override string Name => UserName;

    public override bool IsAdministrator => Administrator;

    public override bool ActsFor(string team) => Administrator || Teams.Any(t => t.Team == team);

    public override bool DecidesFor(string team) => Administrator || Teams.Any(t => t.Team == team && t.Role == TeamRole.Owner);
}
