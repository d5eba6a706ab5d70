namespace DataMesh.Catalog.People;

/// <summary>The authorization policies about people, by name.</summary>
public static class PersonPolicies
{
    /// <summary>Only a platform administrator (<see cref="PersonClaims.AdministratorRole"/>).</summary>
    public const string Administrator = "platform-administrator";
}
