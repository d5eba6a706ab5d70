using Microsoft.AspNetCore.Identity;

namespace DataMesh.Catalog.People;

/// <summary>
/// Makes sure the administrator role and the first platform administrator exist at start: the local account <see cref="AdministratorSettings"/>
/// names, with the administrator role. Its password is set only when the account is created: a password the
/// administrator changed later stays changed across restarts.
/// </summary>
public sealed class FirstAdministrator(
    UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, AdministratorSettings settings, OpenIdConnectSignInSettings provider)
{
    /// <exception cref="InvalidOperationException">The settings are missing where required, or bad; the message names the setting.</exception>
    public async Task EnsureAsync()
    {
        if (!await roles.RoleExistsAsync(PersonClaims.AdministratorRole))
        {
            Refuse(PersonClaims.Role, await roles.CreateAsync(new IdentityRole(PersonClaims.AdministratorRole)));
        }

        if (!settings.IsGiven)
        {
            if (provider.NamesAdministrators)
            {
                return;
            }

            throw new InvalidOperationException(
                $"{AdministratorSettings.UserNameKey} and {AdministratorSettings.PasswordKey}: the first platform administrator is required (the AppHost's catalog-admin-username and catalog-admin-password parameters), "
                + $"unless an OpenID Connect provider names administrators ({OpenIdConnectSignInSettings.Section}:{nameof(OpenIdConnectSignInSettings.AdministratorValue)}).");
        }

        var userName = settings.UserName ?? throw new InvalidOperationException($"{AdministratorSettings.UserNameKey}: required with {AdministratorSettings.PasswordKey}.");
        var password = settings.Password ?? throw new InvalidOperationException($"{AdministratorSettings.PasswordKey}: required with {AdministratorSettings.UserNameKey}.");
        var user = await users.FindByNameAsync(userName);
        foreach (var validator in users.PasswordValidators)
        {
            // Checked on every start, not only the first: a weak password in the settings is a mistake to point out.
            Refuse(AdministratorSettings.PasswordKey, await validator.ValidateAsync(users, user ?? new IdentityUser(userName), password));
        }

        if (user is null)
        {
            user = new IdentityUser(userName);
            Refuse(AdministratorSettings.UserNameKey, await users.CreateAsync(user, password));
        }

        if (!await users.IsInRoleAsync(user, PersonClaims.AdministratorRole))
        {
            Refuse(AdministratorSettings.UserNameKey, await users.AddToRoleAsync(user, PersonClaims.AdministratorRole));
        }
    }

    private static void Refuse(string setting, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{setting}: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }
}
