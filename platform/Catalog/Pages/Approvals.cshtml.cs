using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages;

public sealed class ApprovalsModel(AccessDesk desk) : PageModel
{
    public string? Team { get; private set; }

    public string? Outcome { get; private set; }

    public IReadOnlyList<AccessRequestRecord> Queue { get; private set; } = [];

    public async Task OnGetAsync(string? team, CancellationToken cancellationToken) => await LoadAsync(team, cancellationToken);

    public async Task OnPostAsync(Guid requestId, string team, string actor, string? note, string decision, CancellationToken cancellationToken)
    {
        try
        {
            var decided = await desk.DecideAsync(requestId, decision == "approve", actor, team, note, cancellationToken);
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
        Queue = Team is null ? [] : await desk.QueueAsync(Team, cancellationToken);
    }
}
