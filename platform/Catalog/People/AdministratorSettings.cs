using Microsoft.Extensions.Configuration;

namespace DataMesh.Catalog.People;

/// <summary>
/// The first platform administrator, a local account created at start from <c>Catalog:Administrator:UserName</c> and
/// <c>:Password</c> (the AppHost's <c>catalog-admin-username</c> and secret <c>catalog-admin-password</c> parameters).
/// </summary>
public sealed record AdministratorSettings(string? UserName, string? Password)
{
    public const string Section = "Catalog:Administrator";

    public const string UserNameKey = $"{Section}:{nameof(UserName)}";

    public const string PasswordKey = $"{Section}:{nameof(Password)}";

    public static AdministratorSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new(Blank(section[nameof(UserName)]), Blank(section[nameof(Password)]));
    }

    public bool IsGiven => UserName is not null || Password is not null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
