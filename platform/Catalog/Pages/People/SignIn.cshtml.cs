using DataMesh.Catalog.Access;
using DataMesh.Catalog.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages.People;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<IdentityUser> signIn, ProviderSignIn providerSignIn, OpenIdConnectSignInSettings provider) : PageModel
{
    /// <summary>Identity's user names are short; the form says so too.</summary>
    public const int MaxUserNameLength = CatalogCaller.MaxNameLength;

    public const int MaxPasswordLength = 512;

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public OpenIdConnectSignInSettings Provider => provider;

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password) || UserName.Length > MaxUserNameLength || Password.Length > MaxPasswordLength)
        {
            return Refused("Your user name and password are required.");
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Destination);
        }

        return Refused(result.IsLockedOut
            ? $"This account is locked after {PeopleServiceExtensions.MaxFailedSignIns} failed sign-ins: try again in {PeopleServiceExtensions.LockoutDuration.TotalMinutes:0} minutes, or ask an administrator to reset its password."
            : "Wrong user name or password.");
    }

    /// <summary>Off to the OpenID Connect provider, which sends the person back to <see cref="OnGetProviderAsync"/>.</summary>
    public IActionResult OnPostProvider()
    {
        if (!provider.IsConfigured)
        {
            return NotFound();
        }

        var back = Url.Page(null, "Provider", new { returnUrl = Destination });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(ProviderSignIn.Scheme, back), ProviderSignIn.Scheme);
    }

    public async Task<IActionResult> OnGetProviderAsync()
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var refused = external is { Succeeded: true, Principal: { } principal }
            ? await providerSignIn.SignInAsync(principal)
            : $"The sign-in with {provider.DisplayName} did not complete.";
        return refused is null ? LocalRedirect(Destination) : Refused(refused);
    }

    private string Destination => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    private PageResult Refused(string problem)
    {
        Problem = problem;
        Password = null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
