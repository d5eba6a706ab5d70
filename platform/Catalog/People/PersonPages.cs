namespace DataMesh.Catalog.People;

/// <summary>Where the pages about people are served (their routes are set from here, see <see cref="PeopleServiceExtensions"/>).</summary>
public static class PersonPages
{
    public const string SignIn = "/sign-in";

    public const string SignOut = "/sign-out";

    public const string AccessDenied = "/access-denied";

    /// <summary>A signed-in person changes their own password.</summary>
    public const string Password = "/password";

    /// <summary>Administrators create accounts and reset passwords.</summary>
    public const string Accounts = "/people";

    /// <summary>Where the OpenID Connect provider sends people back with their authorization code.</summary>
    public const string ProviderCallback = "/signin-oidc";

    /// <summary>The pages, by their Razor page name.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Routes = new Dictionary<string, string>
    {
        ["/People/SignIn"] = SignIn,
        ["/People/SignOut"] = SignOut,
        ["/People/AccessDenied"] = AccessDenied,
        ["/People/Password"] = Password,
        ["/People/Accounts"] = Accounts,
    };
}
