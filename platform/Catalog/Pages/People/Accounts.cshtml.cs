using DataMesh.Catalog.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Pages.People;

/// <summary>Platform administrators create catalog accounts and reset their passwords (which also lifts a lockout).</summary>
[Authorize(Policy = PersonPolicies.Administrator)]
public sealed class AccountsModel(UserManager<IdentityUser> users, CatalogIdentityDbContext people) : PageModel
{
    /// <summary>The page lists this many accounts at most, by name.</summary>
    public const int Shown = 500;

    public sealed record Account(string UserName, bool Administrator, string? Provider, DateTimeOffset? LockedUntil);

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public string? Outcome { get; private set; }

    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? userName, string? password, bool administrator, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            Problems.Add("userName, password: the new account's user name and first password are required.");
        }
        else
        {
            var account = new IdentityUser(userName.Trim());
            var created = await users.CreateAsync(account, password);
            if (created.Succeeded && administrator)
            {
                created = await users.AddToRoleAsync(account, PersonClaims.AdministratorRole);
            }

            Problems.AddRange(created.Errors.Select(error => error.Description));
            Outcome = created.Succeeded ? $"{account.UserName} may sign in now{(administrator ? ", as a platform administrator" : "")}." : null;
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResetAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (account is null)
        {
            Problems.Add("userName: no such account.");
        }
        else if (!await users.HasPasswordAsync(account))
        {
            Problems.Add($"userName: {account.UserName} signs in with the organisation's provider, which keeps their password.");
        }
        else if (string.IsNullOrEmpty(password))
        {
            Problems.Add("password: the new password is required.");
        }
        else
        {
            // A reset changes the security stamp: the account's sessions end.
            var reset = await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), password);
            if (reset.Succeeded)
            {
                reset = await users.SetLockoutEndDateAsync(account, null);
            }

            Problems.AddRange(reset.Errors.Select(error => error.Description));
            Outcome = reset.Succeeded ? $"{account.UserName}'s password is reset and the account unlocked; their sessions have ended." : null;
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var administrators = (await users.GetUsersInRoleAsync(PersonClaims.AdministratorRole)).Select(user => user.Id).ToHashSet();
        var accounts = await people.Users.OrderBy(user => user.UserName).Take(Shown)
            .Select(user => new
            {
                user.Id,
                user.UserName,
                user.LockoutEnd,
                Provider = people.UserLogins.Where(login => login.UserId == user.Id).Select(login => login.ProviderDisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Accounts = [.. accounts.Select(user => new Account(user.UserName!, administrators.Contains(user.Id), user.Provider, user.LockoutEnd > now ? user.LockoutEnd : null))];
    }
}
