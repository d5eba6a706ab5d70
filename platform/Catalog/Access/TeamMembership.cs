namespace DataMesh.Catalog.Access;

/// <summary>A team a person belongs to, and their role in it.</summary>
public sealed record TeamMembership(string Team, TeamRole Role)
{
    /// <summary>
    /// The role an ODPS <c>team.members[].role</c> gives: free text such as <c>owner</c> or <c>data steward</c>, of which
    /// only <c>owner</c> (any case) decides access.
    /// </summary>
    public static TeamRole RoleFrom(string? descriptorRole) =>
        string.Equals(descriptorRole?.Trim(), nameof(TeamRole.Owner), StringComparison.OrdinalIgnoreCase) ? TeamRole.Owner : TeamRole.Member;

    /// <summary>User names are compared without case: an OpenID Connect provider and a descriptor may spell an e-mail differently.</summary>
    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}
