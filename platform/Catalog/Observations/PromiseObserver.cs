using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Observations;

/// <summary>Reads what was observed of data products and holds it against their freshness promises and quality rules, as of now.</summary>
public sealed class PromiseObserver(CatalogDbContext db, QualityRuns quality, TimeProvider clock)
{
    public DateTimeOffset Now() => clock.GetUtcNow();

    public async Task<IReadOnlyDictionary<string, PromiseObservation>> ObserveAsync(IReadOnlyCollection<(string Id, TimeSpan? Freshness)> products, CancellationToken cancellationToken)
    {
        var ids = products.Select(p => p.Id).ToList();
        var now = Now();
        var thisHour = Hour(now);
        var previousHour = thisHour.AddHours(-1);
        var last = await db.ObservedProducts.Where(o => ids.Contains(o.DataProductId)).ToDictionaryAsync(o => o.DataProductId, o => o.LastEventAt, cancellationToken);
        var hours = await db.ObservedHours.Where(h => ids.Contains(h.DataProductId) && (h.Hour == thisHour || h.Hour == previousHour))
            .ToListAsync(cancellationToken);
        var deadLettered = await db.DeadLetters.Where(d => ids.Contains(d.DataProductId)).GroupBy(d => d.DataProductId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var rules = await quality.CountAsync(ids, cancellationToken);
        return products.ToDictionary(p => p.Id, p => Judge(
            now,
            p.Freshness,
            last.TryGetValue(p.Id, out var at) ? at : null,
            hours.Where(h => h.DataProductId == p.Id && h.Hour == thisHour).Sum(h => h.Events),
            hours.Where(h => h.DataProductId == p.Id && h.Hour == previousHour).Sum(h => h.Events),
            deadLettered.GetValueOrDefault(p.Id),
            rules.GetValueOrDefault(p.Id)));
    }

    /// <summary>
    /// The one rule for every reading, from the counters as stored: events in the last hour are this hour's bucket
    /// plus the previous bucket's share still inside the window; the freshness promise is kept while the newest
    /// event is younger than promised; the quality rules as <see cref="QualityRuns"/> counted them.
    /// </summary>
    public static PromiseObservation Judge(
        DateTimeOffset now, TimeSpan? freshness, DateTimeOffset? lastEventAt, long eventsThisHour, long eventsPreviousHour, long deadLettered, (int Rules, int NotPassing) quality)
    {
        var share = (Hour(now).AddHours(1) - now) / TimeSpan.FromHours(1);
        var events = eventsThisHour + (long)Math.Round(eventsPreviousHour * share);
        bool? kept = lastEventAt is { } seen && freshness is { } promise ? now - seen <= promise : null;
        return new PromiseObservation(lastEventAt, lastEventAt < now.AddHours(-1) ? 0 : events, deadLettered, freshness, kept, quality.Rules, quality.NotPassing);
    }

    public static DateTimeOffset Hour(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
}
