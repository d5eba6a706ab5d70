using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Wakes this process's outbox relay when a transaction that wrote outbox rows commits: after a
/// <c>SaveChanges</c> that committed on its own, or when the domain's explicit transaction commits. Added to the
/// domain's DbContext by <c>AddDataProducts</c>. Other replicas (and contexts built outside the container) are not
/// signalled; their relays find the rows at the next poll.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => SignalIfOutbox(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SignalIfOutbox(eventData.Context);
        return Task.CompletedTask;
    }

    // Inside an explicit transaction the rows are not visible yet: the commit signals instead.
    private void SignalIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            SignalIfOutbox(context);
        }
    }

    // The relay's own transactions track no outbox rows (it reads them untracked), so it does not wake itself.
    private void SignalIfOutbox(DbContext? context)
    {
        if (context is null || TracksOutboxRows(context.ChangeTracker))
        {
            signal.Notify();
        }
    }

    // Published rows are tracked from Add on, so the look needs no DetectChanges over everything the context tracks.
    private static bool TracksOutboxRows(ChangeTracker tracker)
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<OutboxEvent>().Any();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
