using Microsoft.Extensions.Configuration;

namespace DataMesh.Catalog.People;

/// <summary>
/// The first platform administrator, a local account created at start from <c>Catalog:Administrator:UserName</c> and
/// <c>:Password</c> (the AppHost's <c>catalog-admin-username</c> and secret <c>catalog-admin-password</c> parameters).
/// </summary>
public sealed record AdministratorSettings(string? UserName, string? Password)
{
    public const string Section = CatalogSettingKeys.Administrator;

    public const string UserNameKey = CatalogSettingKeys.AdministratorUserName;

    public const string PasswordKey = CatalogSettingKeys.AdministratorPassword;

    public static AdministratorSettings Read(IConfiguration configuration) =>
        new(Blank(configuration[UserNameKey]), Blank(configuration[PasswordKey]));

    public bool IsGiven => UserName is not null || Password is not null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
