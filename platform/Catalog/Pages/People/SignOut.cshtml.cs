using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages.People;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>
    /// Ends the session for good: a new security stamp invalidates the cookie even where a copy of it survives (and the
    /// person's other sessions with it).
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } person)
        {
            await users.UpdateSecurityStampAsync(person);
        }

        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
