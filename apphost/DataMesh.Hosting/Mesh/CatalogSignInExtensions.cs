using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// How people sign in to the catalog, from the AppHost's settings: the first platform administrator (a local account)
/// and, when <c>Mesh:Catalog:OpenIdConnect:Authority</c> is set, an OpenID Connect provider. Each reaches the catalog
/// under its <see cref="CatalogSettingKeys"/> key.
/// </summary>
public static class CatalogSignInExtensions
{
    /// <summary>The administrator's user name: no secret, a plain setting (a ConfigMap entry when deployed).</summary>
    public const string AdministratorUserNameParameter = "catalog-admin-username";

    public const string DefaultAdministratorUserName = "admin";

    /// <summary>The administrator's first password: a secret parameter, generated once and kept in user secrets unless set.</summary>
    public const string AdministratorPasswordParameter = "catalog-admin-password";

    /// <summary>The AppHost's section for the provider: each setting in it reaches the catalog below <see cref="CatalogSettingKeys.OpenIdConnect"/>.</summary>
    public const string OpenIdConnectSection = "Mesh:Catalog:OpenIdConnect";

    /// <summary>The catalog's client secret at the provider: a secret parameter, asked for when a provider is set.</summary>
    public const string ClientSecretParameter = "catalog-oidc-client-secret";

    private const string Authority = "Authority";

    public static IResourceBuilder<ProjectResource> WithPeopleSignIn(this IResourceBuilder<ProjectResource> catalog)
    {
        var builder = catalog.ApplicationBuilder;
        catalog.WithSetting(CatalogSettingKeys.AdministratorUserName, builder.Configuration[$"Parameters:{AdministratorUserNameParameter}"] ?? DefaultAdministratorUserName)
            .WithSetting(CatalogSettingKeys.AdministratorPassword,
                builder.AddParameter(AdministratorPasswordParameter, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true));

        var provider = builder.Configuration.GetSection(OpenIdConnectSection);
        if (string.IsNullOrWhiteSpace(provider[Authority]))
        {
            return catalog;
        }

        // Lists too (Scopes:0, Scopes:1): each value under its whole path.
        foreach (var (key, value) in provider.AsEnumerable(makePathsRelative: true).Where(setting => setting.Value is not null))
        {
            catalog.WithSetting($"{CatalogSettingKeys.OpenIdConnect}:{key}", value!);
        }

        return catalog.WithSetting(CatalogSettingKeys.OpenIdConnectClientSecret, builder.AddParameter(ClientSecretParameter, secret: true));
    }
}
