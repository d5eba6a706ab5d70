using DataMesh.Catalog.Access;
using DataMesh.Catalog.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Pages.Products;

/// <summary>The signed-in person asks for access for one of their teams' consumers, picked from a list: no typed team or name.</summary>
[Authorize]
public sealed class RequestAccessModel(AccessDesk desk, CatalogCallerResolver callers, CatalogDbContext db) : CallerPageModel(callers)
{
    /// <summary>An administrator picks among this many consumers at most.</summary>
    public const int MaxChoices = 200;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? Consumer { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public bool PersonalData { get; set; }

    public AccessRequestRecord? Created { get; private set; }

    /// <summary>The consumers the person may ask for: their teams' (every consumer, for an administrator).</summary>
    public IReadOnlyList<ConsumerRecord> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await TryAsync(async () => Created = await desk.RequestAsync(Id, Consumer ?? "", Purpose ?? "", PersonalData, Caller, cancellationToken));
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await db.DataProducts.FindAsync([Id], cancellationToken) is null)
        {
            return false;
        }

        var teams = CallerTeams;
        Choices = await db.Consumers.AsNoTracking()
            .Where(consumer => Caller.IsAdministrator || teams.Contains(consumer.Team))
            .OrderBy(consumer => consumer.Team).ThenBy(consumer => consumer.Id).Take(MaxChoices)
            .ToListAsync(cancellationToken);
        return true;
    }
}
