using DataMesh.Catalog.Access;
using DataMesh.Catalog.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Pages;

/// <summary>
/// An owner team's queue: shown to its members and administrators; the approve and deny buttons only to those who may
/// decide each request (owners of the product's team, administrators, never its requester); decided by the signed-in
/// person, never a typed name.
/// </summary>
[Authorize]
public sealed class ApprovalsModel(AccessDesk desk, CatalogCallerResolver callers, CatalogDbContext db) : CallerPageModel(callers)
{
    public string? Team { get; private set; }

    public IReadOnlyList<AccessRequestRecord> Queue { get; private set; } = [];

    /// <summary>Whether the caller may see the team's queue.</summary>
    public bool QueueShown { get; private set; }

    /// <summary>The requests in the queue the caller may decide.</summary>
    public IReadOnlySet<Guid> Decidable { get; private set; } = new HashSet<Guid>();

    public async Task OnGetAsync(string? team, CancellationToken cancellationToken) =>
        await LoadAsync(team ?? (CallerTeams.Count == 1 ? CallerTeams[0] : null), cancellationToken);

    public async Task OnPostAsync(Guid requestId, string? team, string? note, string? decision, CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            var decided = await desk.DecideAsync(requestId, decision == "approve", note, Caller, cancellationToken);
            Outcome = $"{decided.ConsumerId}'s request for {decided.DataProductId} is {decided.Status.ToString().ToLowerInvariant()}.";
        });
        await LoadAsync(team, cancellationToken);
    }

    private async Task LoadAsync(string? team, CancellationToken cancellationToken)
    {
        Team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        if (Team is null)
        {
            return;
        }

        QueueShown = await TryAsync(async () => Queue = await desk.QueueAsync(Team, Caller, cancellationToken));
        var productIds = Queue.Select(request => request.DataProductId).Distinct().ToList();
        var products = await db.DataProducts.AsNoTracking().Where(product => productIds.Contains(product.Id)).ToDictionaryAsync(product => product.Id, cancellationToken);
        Decidable = Queue.Where(request => request.MayBeDecidedBy(Caller, products[request.DataProductId])).Select(request => request.Id).ToHashSet();
    }
}
