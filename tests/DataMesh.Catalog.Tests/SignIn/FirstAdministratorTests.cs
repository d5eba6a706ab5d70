using DataMesh.Catalog.People;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>A catalog whose first administrator is missing or bad refuses to start, and says which setting to fix.</summary>
public sealed class FirstAdministratorTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Without_an_administrator_or_a_provider_that_names_administrators_the_catalog_does_not_start()
    {
        var refusal = await RefusalAsync(new() { [AdministratorSettings.UserNameKey] = "", [AdministratorSettings.PasswordKey] = "" });
        Assert.StartsWith($"{AdministratorSettings.UserNameKey} and {AdministratorSettings.PasswordKey}: the first platform administrator is required", refusal.Message);
    }

    [Fact]
    public async Task A_user_name_without_a_password_does_not_start_the_catalog()
    {
        var refusal = await RefusalAsync(new() { [AdministratorSettings.PasswordKey] = "" });
        Assert.Equal($"{AdministratorSettings.PasswordKey}: required with {AdministratorSettings.UserNameKey}.", refusal.Message);
    }

    [Fact]
    public async Task A_short_password_does_not_start_the_catalog_and_is_not_repeated_in_the_message()
    {
        var refusal = await RefusalAsync(new() { [AdministratorSettings.PasswordKey] = "hunter2" });
        Assert.Equal($"{AdministratorSettings.PasswordKey}: Passwords must be at least {PeopleServiceExtensions.MinPasswordLength} characters.", refusal.Message);
        Assert.DoesNotContain("hunter2", refusal.ToString());
    }

    [Fact]
    public async Task A_provider_without_a_client_id_does_not_start_the_catalog()
    {
        var refusal = await RefusalAsync(new() { [$"{OpenIdConnectSignInSettings.Section}:Authority"] = "https://id.example" });
        Assert.Equal($"{OpenIdConnectSignInSettings.Section}:ClientId: required when {OpenIdConnectSignInSettings.Section}:Authority is set.", refusal.Message);
    }

    private async Task<InvalidOperationException> RefusalAsync(Dictionary<string, string?> settings)
    {
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => CatalogHost.StartAsync(postgres, settings: settings));
        return Assert.IsType<InvalidOperationException>(failed is AggregateException { InnerException: { } inner } ? inner : failed);
    }
}
