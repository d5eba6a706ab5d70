using System.Security.Claims;
using DataMesh.Catalog.Access;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace DataMesh.Catalog.People;

/// <summary>
/// Signs in a person the OpenID Connect provider vouched for: their catalog account is the one linked to the provider's
/// subject (created on the first sign-in), named by the provider's user name claim, and an administrator exactly when
/// the provider says so on this sign-in. A provider may not take over a local account that has a password.
/// </summary>
public sealed class ProviderSignIn(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, OpenIdConnectSignInSettings settings)
{
    /// <summary>The authentication scheme, and the login provider name on the accounts it creates.</summary>
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    private const string SubjectClaim = "sub";

    /// <returns>Null when the person is signed in, otherwise why not, to show them.</returns>
    public async Task<string?> SignInAsync(ClaimsPrincipal external)
    {
        var subject = external.FindFirstValue(SubjectClaim);
        var userName = external.FindFirstValue(settings.UserNameClaim);
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(userName))
        {
            return $"{settings.DisplayName} did not say who you are (the {SubjectClaim} and {settings.UserNameClaim} claims are required).";
        }

        if (userName.Length > CatalogCaller.MaxNameLength)
        {
            return $"{settings.DisplayName} names you with more than {CatalogCaller.MaxNameLength} characters ({settings.UserNameClaim}); the catalog keeps user names up to that length.";
        }

        var user = await users.FindByLoginAsync(Scheme, subject);
        if (user is null)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                return $"The catalog already has an account named {userName} that signs in with a password: sign in with it.";
            }

            user = new IdentityUser(userName);
            if ((Failed(await users.CreateAsync(user)) ?? Failed(await users.AddLoginAsync(user, new UserLoginInfo(Scheme, subject, settings.DisplayName)))) is { } refused)
            {
                return refused;
            }
        }
        else if (user.UserName != userName && Failed(await users.SetUserNameAsync(user, userName)) is { } renameRefused)
        {
            return renameRefused;
        }

        var administrator = settings.NamesAdministrators
            && external.FindAll(settings.AdministratorClaim).Any(claim => claim.Value == settings.AdministratorValue);
        if (administrator != await users.IsInRoleAsync(user, PersonClaims.AdministratorRole)
            && Failed(administrator
                ? await users.AddToRoleAsync(user, PersonClaims.AdministratorRole)
                : await users.RemoveFromRoleAsync(user, PersonClaims.AdministratorRole)) is { } roleRefused)
        {
            return roleRefused;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return "This account is locked.";
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
        return null;
    }

    private static string? Failed(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(error => error.Description));
}
