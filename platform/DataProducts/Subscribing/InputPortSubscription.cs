using DataMesh.DataProducts.Contracts;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// One input port of one of the domain's data products as a Dapr subscription: the upstream contract's topic,
/// the route the sidecar posts to, the dead-letter topic for events that break the contract, and the
/// validators of the contract version the consumer declared.
/// </summary>
public sealed class InputPortSubscription
{
    private readonly IReadOnlyDictionary<string, ContractEventValidator> validators;

    internal InputPortSubscription(DataProductDescriptor consumer, InputPort port, DataContract contract)
    {
        Consumer = consumer;
        Port = port;
        Contract = contract;
        Topic = contract.EventServer.Topic!;
        Route = $"/dataproducts/{consumer.Id}/inputs/{port.Name}";

        // One dead-letter topic per consumer: what one consumer refused says nothing about the others.
        DeadLetterTopic = $"{Topic}.{consumer.Id}.deadletter";
        validators = contract.Schema.ToDictionary(o => o.Name, o => new ContractEventValidator(contract, o.Name), StringComparer.Ordinal);
    }

    public DataProductDescriptor Consumer { get; }

    public InputPort Port { get; }

    /// <summary>The consumer's copy of the upstream contract, in the version its input port declares.</summary>
    public DataContract Contract { get; }

    public string Topic { get; }

    public string Route { get; }

    public string DeadLetterTopic { get; }

    /// <summary>The validator of an event type, or null when the contract has no such type.</summary>
    public ContractEventValidator? ValidatorFor(string eventType) => validators.GetValueOrDefault(eventType);
}
