using Microsoft.EntityFrameworkCore;

namespace DataMesh.DomainServices.Persistence;

public static class DomainTransaction
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: the caller's, when one is open (an idempotent command's),
    /// else a new one committed when the work returns. For commands that read their own writes before they
    /// publish, e.g. figures recomputed after a change.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
