using Microsoft.Extensions.Configuration;

namespace DataMesh.Catalog.People;

/// <summary>
/// An OpenID Connect provider that people may sign in with (<c>Catalog:SignIn:OpenIdConnect</c>): used when
/// <see cref="Authority"/> is set. The provider says who the person is (<see cref="UserNameClaim"/>, the user name that
/// descriptors' <c>team.members</c> name) and whether they are a platform administrator (<see cref="AdministratorClaim"/>
/// carrying <see cref="AdministratorValue"/>).
/// </summary>
public sealed class OpenIdConnectSignInSettings
{
    public const string Section = CatalogSettingKeys.OpenIdConnect;

    /// <summary>The provider's issuer address, where its discovery document is served.</summary>
    public string? Authority { get; init; }

    public string? ClientId { get; init; }

    /// <summary>A secret: an AppHost secret parameter, never committed.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>What the sign-in page calls the provider.</summary>
    public string DisplayName { get; init; } = "your organisation's sign-in";

    public string UserNameClaim { get; init; } = "preferred_username";

    public string AdministratorClaim { get; init; } = "roles";

    /// <summary>The value of <see cref="AdministratorClaim"/> that makes a platform administrator; none when unset.</summary>
    public string? AdministratorValue { get; init; }

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c>, for providers that release the claims above only with them.</summary>
    public string[] Scopes { get; init; } = [];

    /// <summary>Only a provider on the machine itself may be reached over plain HTTP, and only when this is turned off.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public bool NamesAdministrators => IsConfigured && !string.IsNullOrWhiteSpace(AdministratorValue);

    /// <exception cref="InvalidOperationException">The provider's settings are incomplete; the message names the setting.</exception>
    public static OpenIdConnectSignInSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<OpenIdConnectSignInSettings>() ?? new();
        if (!settings.IsConfigured)
        {
            return settings;
        }

        if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{Section}:{nameof(Authority)}: the provider's absolute https address is required.");
        }

        if (authority.Scheme == "http" && (settings.RequireHttpsMetadata || !authority.IsLoopback))
        {
            throw new InvalidOperationException($"{Section}:{nameof(Authority)}: an https address is required (plain http only for a provider on this machine, with {nameof(RequireHttpsMetadata)} false).");
        }

        foreach (var (name, value) in new[] { (nameof(ClientId), settings.ClientId), (nameof(UserNameClaim), settings.UserNameClaim), (nameof(AdministratorClaim), settings.AdministratorClaim) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException($"{Section}:{name}: required when {Section}:{nameof(Authority)} is set.");
            }
        }

        return settings;
    }
}
