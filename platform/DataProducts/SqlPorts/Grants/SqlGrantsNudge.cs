using DataMesh.DataProducts.Publishing;

namespace DataMesh.DataProducts.SqlPorts.Grants;

/// <summary>
/// Wakes the domain's grant reconciliation (<see cref="SqlGrantsSync{TDbContext}"/>) when the catalog says a grant on one
/// of its products changed, rather than at the next interval. Nudges coalesce: many events while a reconciliation runs
/// cause one more.
/// </summary>
public sealed class SqlGrantsNudge
{
    private readonly OutboxSignal signal = new();

    public void Notify() => signal.Notify();

    /// <summary>Waits for a nudge or until <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken) =>
        signal.WaitAsync(timeout, clock, cancellationToken);
}
