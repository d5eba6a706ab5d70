using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages;

/// <summary>
/// A page that acts for whoever calls it (<see cref="Caller"/>, resolved before each handler), shows them only what
/// they may do, and answers a refusal of the access desk with its status and the field it names.
/// </summary>
public abstract class CallerPageModel(CatalogCallerResolver callers) : PageModel
{
    public CatalogCaller Caller { get; private set; } = CatalogCaller.Anonymous;

    public string? Outcome { get; protected set; }

    public List<string> Problems { get; } = [];

    /// <summary>The teams the signed-in person belongs to, for them to pick from (an administrator types one).</summary>
    public IReadOnlyList<string> CallerTeams => Caller is PersonCaller person ? [.. person.Teams.Select(team => team.Team).Distinct().Order()] : [];

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Caller = await callers.ResolveAsync(HttpContext, HttpContext.RequestAborted);
        await next();
    }

    /// <summary>Runs a change for the caller; a refusal becomes the page's status and problem.</summary>
    protected async Task<bool> TryAsync(Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (CatalogRefusal refusal)
        {
            Problems.Add($"{refusal.Field}: {refusal.Message}");
            Response.StatusCode = refusal.StatusCode;
            return false;
        }
    }
}
