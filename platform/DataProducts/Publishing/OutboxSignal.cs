using System.Threading.Channels;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Tells the outbox relay of this process that outbox rows were just committed, so it sends them at once
/// instead of at its next poll. Signals coalesce: many commits while the relay is busy wake it once.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = false,
        SingleWriter = false,
    });

    /// <summary>Outbox rows were committed.</summary>
    public void Notify() => pending.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Notify"/> was called (since the last wait) or <paramref name="timeout"/> passed.</summary>
    /// <returns>Whether a commit was signalled.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (pending.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = new CancellationTokenSource(timeout, clock);
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await pending.Reader.WaitToReadAsync(expiry.Token);
            return pending.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
