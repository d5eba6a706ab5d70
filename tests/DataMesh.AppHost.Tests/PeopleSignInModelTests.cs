using Microsoft.Extensions.Hosting;
using static Aspire.Hosting.ServiceSettingExtensions;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// What the AppHost tells the catalog about signing in people, under the keys the catalog reads (<see cref="CatalogSettingKeys"/>):
/// its first administrator always, an OpenID Connect provider only when one is named.
/// </summary>
public sealed class PeopleSignInModelTests
{
    private const string Provider = $"--{CatalogSignInExtensions.OpenIdConnectSection}";

    [Fact]
    public async Task The_catalog_gets_its_first_administrator_and_no_provider_unless_one_is_named()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var environment = await appHost.Model.Single<ProjectResource>("catalog").EnvironmentOf();

        Assert.Equal(CatalogSignInExtensions.DefaultAdministratorUserName, environment[EnvironmentVariable(CatalogSettingKeys.AdministratorUserName)]);
        var password = Assert.IsType<ParameterResource>(environment[EnvironmentVariable(CatalogSettingKeys.AdministratorPassword)]);
        Assert.Equal(CatalogSignInExtensions.AdministratorPasswordParameter, password.Name);
        Assert.True(password.Secret);
        Assert.DoesNotContain(environment.Keys, name => name.StartsWith(EnvironmentVariable(CatalogSettingKeys.OpenIdConnect), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_named_provider_reaches_the_catalog_setting_by_setting_with_its_client_secret_a_secret_parameter()
    {
        await using var appHost = await AppHostModel.BuildAsync(
        [
            .. AppHostModel.LocalMode,
            $"--Parameters:{CatalogSignInExtensions.AdministratorUserNameParameter}=root@datamesh.example",
            $"{Provider}:Authority=https://login.example/realms/mesh",
            $"{Provider}:ClientId=datamesh-catalog",
            $"{Provider}:Scopes:0=roles",
        ]);
        var environment = await appHost.Model.Single<ProjectResource>("catalog").EnvironmentOf();
        string Setting(string key) => Assert.IsType<string>(environment[EnvironmentVariable($"{CatalogSettingKeys.OpenIdConnect}:{key}")]);

        Assert.Equal("root@datamesh.example", environment[EnvironmentVariable(CatalogSettingKeys.AdministratorUserName)]);
        Assert.Equal(("https://login.example/realms/mesh", "datamesh-catalog", "roles"), (Setting("Authority"), Setting("ClientId"), Setting("Scopes:0")));
        var secret = Assert.IsType<ParameterResource>(environment[EnvironmentVariable(CatalogSettingKeys.OpenIdConnectClientSecret)]);
        Assert.Equal(CatalogSignInExtensions.ClientSecretParameter, secret.Name);
        Assert.True(secret.Secret);
    }
}
