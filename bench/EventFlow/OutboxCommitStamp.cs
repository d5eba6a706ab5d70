using System.Diagnostics;
using DataMesh.DataProducts.Publishing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataMesh.Bench.EventFlow;

/// <summary>
/// Stamps <see cref="Stage.Committed"/> for the outbox rows of a producer <c>SaveChanges</c> right after it committed
/// (it runs without an explicit transaction, so SaveChanges commits its own): the same point as the consumer's
/// <see cref="InboxCommitStamp"/>, and before the caller's continuation runs, which on a busy machine may come after
/// the relay, woken by the same commit, has already taken the rows.
/// </summary>
internal sealed class OutboxCommitStamp(FlowTimeline timeline) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var committed = Stopwatch.GetTimestamp();
        if (eventData.Context is { } db)
        {
            foreach (var entry in db.ChangeTracker.Entries<OutboxEvent>())
            {
                timeline.Stamp(Stage.Committed, entry.Entity.Id, committed);
            }
        }

        return ValueTask.FromResult(result);
    }
}
