using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages;

/// <summary>An owner team's queue: shown to its members and administrators; decided by the signed-in caller, never a typed name.</summary>
public sealed class ApprovalsModel(AccessDesk desk, CatalogCallerResolver callers) : PageModel
{
    public string? Team { get; private set; }

    public string? Outcome { get; private set; }

    public IReadOnlyList<AccessRequestRecord> Queue { get; private set; } = [];

    /// <summary>Whether the caller may see the team's queue.</summary>
    public bool QueueShown { get; private set; }

    public async Task OnGetAsync(string? team, CancellationToken cancellationToken) => await LoadAsync(team, cancellationToken);

    public async Task OnPostAsync(Guid requestId, string team, string? note, string decision, CancellationToken cancellationToken)
    {
        try
        {
            var decided = await desk.DecideAsync(requestId, decision == "approve", note, await callers.ResolveAsync(HttpContext, cancellationToken), cancellationToken);
            Outcome = $"{decided.ConsumerId}'s request for {decided.DataProductId} is {decided.Status.ToString().ToLowerInvariant()}.";
        }
        catch (CatalogRefusal refusal)
        {
            Outcome = $"Not decided: {refusal.Field}: {refusal.Message}";
        }

        await LoadAsync(team, cancellationToken);
    }

    private async Task LoadAsync(string? team, CancellationToken cancellationToken)
    {
        Team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        if (Team is null)
        {
            return;
        }

        try
        {
            Queue = await desk.QueueAsync(Team, await callers.ResolveAsync(HttpContext, cancellationToken), cancellationToken);
            QueueShown = true;
        }
        catch (CatalogRefusal refusal)
        {
            Outcome ??= $"Not shown: {refusal.Field}: {refusal.Message}";
        }
    }
}
