using System.Security.Claims;

namespace DataMesh.Catalog.People;

/// <summary>
/// What a signed-in person's principal carries, whichever way they signed in (a local account or an OpenID Connect
/// provider): the user name that descriptors' <c>team.members</c> name, and the platform administrator role.
/// </summary>
public static class PersonClaims
{
    /// <summary>The person's user name (for example <c>grace@datamesh.example</c>), as ODPS <c>team.members[].username</c> names people.</summary>
    public const string UserName = ClaimTypes.Name;

    /// <summary>The role claim.</summary>
    public const string Role = ClaimTypes.Role;

    /// <summary>The role of a platform administrator, who may do everything in the catalog.</summary>
    public const string AdministratorRole = "platform-administrator";
}
