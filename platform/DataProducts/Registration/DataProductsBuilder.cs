using DataMesh.Contracts;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Registration;

/// <summary>Registers what a domain does with the events its data products' input ports receive.</summary>
public sealed class DataProductsBuilder<TDbContext>
    where TDbContext : DbContext
{
    private readonly DataProductSubscriptions subscriptions;
    private readonly InputPortHandlers<TDbContext> handlers;

    internal DataProductsBuilder(DataProductsOptions options, DataProductCatalogue catalogue, DataProductSubscriptions subscriptions, InputPortHandlers<TDbContext> handlers)
    {
        Options = options;
        Catalogue = catalogue;
        this.subscriptions = subscriptions;
        this.handlers = handlers;
    }

    public DataProductsOptions Options { get; }

    public DataProductCatalogue Catalogue { get; }

    /// <summary>
    /// Runs <paramref name="handler"/> for each <paramref name="eventType"/> event on input port
    /// <paramref name="inputPort"/>, once per event, in the transaction that records it in the inbox.
    /// </summary>
    /// <exception cref="ArgumentException">No own data product has that input port, or its contract has no such event type.</exception>
    public DataProductsBuilder<TDbContext> OnEvent(string inputPort, string eventType, InputPortHandler<TDbContext> handler)
    {
        var ports = subscriptions.All.Where(s => s.Port.Name == inputPort).ToList();
        if (ports.Count != 1)
        {
            throw new ArgumentException(
                ports.Count == 0
                    ? $"No data product of domain {Options.Domain} has an input port '{inputPort}' (it has {string.Join(", ", subscriptions.All.Select(s => s.Port.Name))})."
                    : $"Input port '{inputPort}' is declared by several data products of domain {Options.Domain}; name ports uniquely within a domain.",
                nameof(inputPort));
        }

        if (ports[0].ValidatorFor(eventType) is null)
        {
            throw new ArgumentException($"Contract {ports[0].Contract.Id} {ports[0].Contract.Version} of input port '{inputPort}' has no event type '{eventType}'.", nameof(eventType));
        }

        handlers.Add(inputPort, eventType, handler);
        return this;
    }

    /// <summary>
    /// As <see cref="OnEvent(string, string, InputPortHandler{TDbContext})"/>, with the data deserialized
    /// (web defaults, camelCase) into <typeparamref name="TEvent"/>.
    /// </summary>
    public DataProductsBuilder<TDbContext> OnEvent<TEvent>(string inputPort, string eventType, Func<TEvent, ConsumedEvent, TDbContext, CancellationToken, Task> handler) =>
        OnEvent(inputPort, eventType, (consumed, db, ct) => handler(consumed.DataAs<TEvent>(), consumed, db, ct));
}
