using System.Data.Common;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataMesh.Catalog.Sql.Federation;

/// <summary>
/// Tells the <see cref="MeshFederationReconciler"/> when a transaction of the catalog's database commits while its context
/// holds contract versions: a registration (which may have added a SQL port) is in. Only after the commit, so the round
/// reads what was registered; the round itself decides what, if anything, changed.
/// </summary>
public sealed class RegistrationCommittedInterceptor(MeshFederationReconciler reconciler) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NudgeIfRegistration(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NudgeIfRegistration(eventData);
        return Task.CompletedTask;
    }

    private void NudgeIfRegistration(TransactionEndEventData eventData)
    {
        if (eventData.Context?.ChangeTracker.Entries<ContractVersionRecord>().Any() == true)
        {
            reconciler.Nudge();
        }
    }
}
