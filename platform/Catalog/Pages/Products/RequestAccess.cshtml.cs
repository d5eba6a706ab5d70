using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages.Products;

/// <summary>Asks for access for a consumer the signed-in caller manages, registering it in their team when new.</summary>
public sealed class RequestAccessModel(AccessDesk desk, CatalogCallerResolver callers, CatalogDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? Consumer { get; set; }

    [BindProperty]
    public string? Team { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public bool PersonalData { get; set; }

    public AccessRequestRecord? Created { get; private set; }

    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await db.DataProducts.FindAsync([Id], cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var caller = await callers.ResolveAsync(HttpContext, cancellationToken);
            if (!string.IsNullOrWhiteSpace(Team) && Consumer is { Length: > 0 } && await db.Consumers.FindAsync([Consumer], cancellationToken) is null)
            {
                await desk.RegisterConsumerAsync(Consumer, Team, null, null, caller, cancellationToken);
            }

            Created = await desk.RequestAsync(Id, Consumer ?? "", Purpose ?? "", PersonalData, caller, cancellationToken);
        }
        catch (CatalogRefusal refusal)
        {
            Problems.Add($"{refusal.Field}: {refusal.Message}");
        }

        return Page();
    }
}
