using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// Applies one event type received on an input port to the domain's database. It runs inside the transaction
/// that records the event in the inbox: it adds or changes entities of <paramref name="dbContext"/> (the inbox
/// saves them). It may save to read its own writes (the transaction is already open), but it never opens,
/// commits or rolls back a transaction itself.
/// </summary>
public delegate Task InputPortHandler<in TDbContext>(ConsumedEvent consumedEvent, TDbContext dbContext, CancellationToken cancellationToken)
    where TDbContext : DbContext;

/// <summary>The handlers a domain registered, by input port and event type.</summary>
public sealed class InputPortHandlers<TDbContext>
    where TDbContext : DbContext
{
    private readonly Dictionary<(string InputPort, string EventType), InputPortHandler<TDbContext>> handlers = [];

    internal void Add(string inputPort, string eventType, InputPortHandler<TDbContext> handler)
    {
        if (!handlers.TryAdd((inputPort, eventType), handler))
        {
            throw new InvalidOperationException($"A handler for {eventType} on input port '{inputPort}' is already registered.");
        }
    }

    public InputPortHandler<TDbContext>? Find(string inputPort, string eventType) => handlers.GetValueOrDefault((inputPort, eventType));
}
