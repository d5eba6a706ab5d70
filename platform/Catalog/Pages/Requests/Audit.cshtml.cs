using DataMesh.Catalog.Access;
using Microsoft.AspNetCore.Authorization;

namespace DataMesh.Catalog.Pages.Requests;

/// <summary>What happened to an access request and who did it: for the product's owner team and administrators.</summary>
[Authorize]
public sealed class AuditModel(AccessDesk desk, CatalogCallerResolver callers) : CallerPageModel(callers)
{
    public Guid Id { get; private set; }

    public IReadOnlyList<AccessAuditRecord> Trail { get; private set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        await TryAsync(async () => Trail = await desk.AuditTrailAsync(id, Caller, cancellationToken));
    }
}
