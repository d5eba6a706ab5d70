using System.Diagnostics;
using System.Text.Json;
using DataMesh.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Publishes the events of one output port of one of the domain's data products: checks each against the
/// port's contract version and stages it in the domain's outbox, where it commits with the domain change.
/// </summary>
public sealed class OutputPortPublisher
{
    private readonly TimeProvider clock;
    private readonly IReadOnlyDictionary<string, ContractEventValidator> validators;

    internal OutputPortPublisher(DataProductDescriptor dataProduct, OutputPort port, DataContract contract, TimeProvider clock)
    {
        DataProduct = dataProduct;
        Port = port;
        Contract = contract;
        this.clock = clock;
        validators = contract.EventTypes.ToDictionary(o => o.Name, o => new ContractEventValidator(contract, o.Name), StringComparer.Ordinal);
    }

    public DataProductDescriptor DataProduct { get; }

    public OutputPort Port { get; }

    public DataContract Contract { get; }

    /// <summary>The Dapr topic the port's events go to, from the contract's kafka server.</summary>
    public string Topic => Contract.EventServer!.Topic!;

    /// <summary>
    /// Adds the event to <paramref name="dbContext"/>'s outbox. Nothing is written until the domain calls
    /// <c>SaveChanges</c>, so the event exists exactly when the domain change it reports does.
    /// </summary>
    /// <param name="eventType">The contract's schema object the data follows, e.g. <c>EmployeeHired</c>.</param>
    /// <param name="partitionKey">The entity the event is about; its events reach consumers in order.</param>
    /// <param name="data">The event, serialized with the web defaults (camelCase), or a JSON element or node.</param>
    /// <exception cref="ContractViolationException">The event breaks the contract; the message names each field.</exception>
    /// <exception cref="KeyNotFoundException">The contract has no such event type.</exception>
    public OutboxEvent Publish<TEvent>(DbContext dbContext, string eventType, string partitionKey, TEvent data)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        if (!validators.TryGetValue(eventType, out var validator))
        {
            throw new KeyNotFoundException($"Contract {Contract.Id} {Contract.Version} has no event type '{eventType}' (it has {string.Join(", ", validators.Keys)}).");
        }

        var json = JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web);
        var violations = validator.Validate(json);
        if (violations.Count > 0)
        {
            throw new ContractViolationException(DataProduct.Id, Contract, eventType, violations);
        }

        var publishing = Activity.Current;
        var outboxEvent = new OutboxEvent
        {
            Id = OutboxEventId.Next(clock.GetUtcNow()),
            DataProductId = DataProduct.Id,
            OutputPort = Port.Name,
            ContractId = Contract.Id,
            ContractVersion = Contract.Version.ToString(),
            Topic = Topic,
            EventType = eventType,
            PartitionKey = partitionKey,
            Data = json.GetRawText(),
            TraceParent = publishing?.IdFormat == ActivityIdFormat.W3C ? publishing.Id : null,
            TraceState = publishing?.TraceStateString,
            CreatedAt = clock.GetUtcNow(),
        };
        dbContext.Set<OutboxEvent>().Add(outboxEvent);
        return outboxEvent;
    }
}
