using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// The products whose promise is broken right now: their newest event is older than promised, or one of their quality
/// rules failed (or could not run) its last time.
/// </summary>
public sealed class PromiseBreaches(CatalogDbContext db, PromiseObserver observer, QualityRuns quality)
{
    public async Task<IReadOnlyList<(DataProductRecord Product, PromiseObservation Observed)>> ListAsync(CancellationToken cancellationToken)
    {
        // Only products with events and a promise, or with a kept rule run that did not pass, can be breached; the
        // observer decides with the same rule as everywhere.
        var notPassing = await quality.NotPassingLatelyAsync(cancellationToken);
        var candidates = await db.DataProducts.AsNoTracking()
            .Where(p => (p.Freshness != null && db.ObservedProducts.Any(o => o.DataProductId == p.Id)) || notPassing.Contains(p.Id))
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var observed = await observer.ObserveAsync(candidates.Select(p => (p.Id, p.Freshness)).ToList(), cancellationToken);
        return candidates.Where(p => observed[p.Id].Breached).Select(p => (p, observed[p.Id])).ToList();
    }
}
