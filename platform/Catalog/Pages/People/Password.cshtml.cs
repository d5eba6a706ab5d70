using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages.People;

/// <summary>A signed-in person with a catalog account changes their own password; a provider's people change it there.</summary>
[Authorize]
public sealed class PasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool HasPassword { get; private set; }

    public string? Outcome { get; private set; }

    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        HasPassword = await users.HasPasswordAsync(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        HasPassword = await users.HasPasswordAsync(person);
        if (!HasPassword)
        {
            Problems.Add("You sign in with your organisation's provider: change your password there.");
        }
        else if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            Problems.Add("Your current and your new password are required.");
        }
        else if (NewPassword != ConfirmPassword)
        {
            Problems.Add("The new password and its confirmation differ.");
        }
        else
        {
            var changed = await users.ChangePasswordAsync(person, CurrentPassword, NewPassword);
            Problems.AddRange(changed.Errors.Select(error => error.Description));
            if (changed.Succeeded)
            {
                // The change ended every session of this person (a new security stamp); this one goes on.
                await signIn.RefreshSignInAsync(person);
                Outcome = "Your password is changed. Your other sessions have ended.";
            }
        }

        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
