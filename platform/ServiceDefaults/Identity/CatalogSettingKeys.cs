namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The catalog's settings that the AppHost writes and the catalog reads: their one home, so that what one side writes is
/// what the other reads (the AppHost passes each as an environment variable, <c>:</c> written <c>__</c>).
/// </summary>
public static class CatalogSettingKeys
{
    /// <summary>The first platform administrator, a local account created at start.</summary>
    public const string Administrator = "Catalog:Administrator";

    public const string AdministratorUserName = $"{Administrator}:UserName";

    /// <summary>A secret: an AppHost secret parameter, never committed.</summary>
    public const string AdministratorPassword = $"{Administrator}:Password";

    /// <summary>An OpenID Connect provider people sign in with; each of its settings is a key below this section.</summary>
    public const string OpenIdConnect = "Catalog:SignIn:OpenIdConnect";

    /// <summary>A secret: an AppHost secret parameter, never committed.</summary>
    public const string OpenIdConnectClientSecret = $"{OpenIdConnect}:ClientSecret";

    /// <summary>Per mesh service (<c>{section}:{service}</c>), the credential it sends in <see cref="MeshHeaders.ServiceCredential"/>.</summary>
    public const string ServiceCredentials = "Catalog:ServiceCredentials";

    /// <summary>Per domain (<c>{section}:{domain}:Team</c> and <c>:Key</c>), its team and that team's API key.</summary>
    public const string TeamKeys = "Catalog:TeamKeys";

    public const string TeamKeyTeam = "Team";

    public const string TeamKeyKey = "Key";

    /// <summary>
    /// Per domain (<c>{section}:{domain}</c>), the name of its database on the mesh's PostgreSQL server: the catalog's mesh
    /// database keeps one postgres_fdw foreign server for each.
    /// </summary>
    public const string MeshDomainDatabases = "Catalog:Mesh:DomainDatabases";

    /// <summary>
    /// The host the mesh database's foreign servers read the domains' databases from, when not the mesh database's own:
    /// in Kubernetes CloudNativePG's read-only Service (<c>{cluster}-ro</c>), so analytics reads go to the standbys.
    /// </summary>
    public const string MeshReadHost = "Catalog:Mesh:ReadHost";
}
