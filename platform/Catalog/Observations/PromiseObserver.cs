using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Observations;

/// <summary>Reads what was observed of data products and holds it against their freshness promises, as of now.</summary>
public sealed class PromiseObserver(CatalogDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, PromiseObservation>> ObserveAsync(IReadOnlyCollection<(string Id, TimeSpan? Freshness)> products, CancellationToken cancellationToken)
    {
        var ids = products.Select(p => p.Id).ToList();
        var now = clock.GetUtcNow();
        var lastHour = now.AddHours(-1);
        var thisHour = Hour(now);
        var last = await db.ObservedProducts.Where(o => ids.Contains(o.DataProductId)).ToDictionaryAsync(o => o.DataProductId, o => o.LastEventAt, cancellationToken);

        // Counted per hour: the last hour is the current bucket plus the previous one's share still inside the window.
        var hours = await db.ObservedHours.Where(h => ids.Contains(h.DataProductId) && h.Hour >= thisHour.AddHours(-1))
            .ToListAsync(cancellationToken);
        var deadLettered = await db.DeadLetters.Where(d => ids.Contains(d.DataProductId)).GroupBy(d => d.DataProductId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var share = (thisHour.AddHours(1) - now) / TimeSpan.FromHours(1);
        return products.ToDictionary(p => p.Id, p =>
        {
            var lastEventAt = last.TryGetValue(p.Id, out var at) ? at : (DateTimeOffset?)null;
            var events = hours.Where(h => h.DataProductId == p.Id).Sum(h => h.Hour == thisHour ? h.Events : (long)Math.Round(h.Events * share));
            bool? kept = lastEventAt is { } seen && p.Freshness is { } promise ? now - seen <= promise : null;
            return new PromiseObservation(lastEventAt, lastEventAt < lastHour ? 0 : events, deadLettered.GetValueOrDefault(p.Id), p.Freshness, kept);
        });
    }

    public static DateTimeOffset Hour(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
}
