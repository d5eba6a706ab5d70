using DataMesh.Contracts;
using Semver;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// One input port of one of the domain's data products as a Dapr subscription: the upstream contract's topic,
/// the route the sidecar posts to, the dead-letter topic for events that break the contract, and the tolerant
/// readers of the contract version the consumer declared: an event of any version with the same major version is
/// read, its fields checked as far as the consumer's copy of the contract names them.
/// </summary>
public sealed class InputPortSubscription
{
    private readonly IReadOnlyDictionary<string, ContractEventValidator> validators;

    internal InputPortSubscription(DataProductDescriptor consumer, InputPort port, DataContract contract)
    {
        Consumer = consumer;
        Port = port;
        Contract = contract;
        Topic = contract.EventServer!.Topic!;
        Route = $"/dataproducts/{consumer.Id}/inputs/{port.Name}";

        // One dead-letter topic per consumer: what one consumer refused says nothing about the others.
        DeadLetterTopic = ConsumerTopics.DeadLetter(Topic, consumer.Id);

        // What the catalog replays comes on a topic of this consumer's own, to the same route: through the same inbox.
        ReplayTopic = ConsumerTopics.Replay(Topic, consumer.Id);
        validators = contract.EventTypes.ToDictionary(o => o.Name, o => new ContractEventValidator(contract, o.Name, ContractEventMode.Reading), StringComparer.Ordinal);
    }

    public DataProductDescriptor Consumer { get; }

    public InputPort Port { get; }

    /// <summary>The consumer's copy of the upstream contract, in the version its input port declares.</summary>
    public DataContract Contract { get; }

    public string Topic { get; }

    public string Route { get; }

    public string DeadLetterTopic { get; }

    /// <summary>Where the catalog sends back this consumer's dead letters of <see cref="Topic"/> (<see cref="ConsumerTopics.Replay"/>).</summary>
    public string ReplayTopic { get; }

    /// <summary>
    /// Why an event the publisher wrote against contract version <paramref name="version"/> cannot be read, or null
    /// when it can: same major version (a minor version only adds what a reader may ignore), or no version given (a
    /// publisher outside the mesh; its fields are still checked).
    /// </summary>
    public string? Unreadable(string? version)
    {
        if (version is null)
        {
            return null;
        }

        if (!SemVersion.TryParse(version, SemVersionStyles.Strict, out var parsed))
        {
            return $"contract version '{version}' is not a semantic version";
        }

        return parsed.Major == Contract.Version.Major
            ? null
            : $"contract version {parsed} of {Contract.Id} has major version {parsed.Major}; this consumer reads major version {Contract.Version.Major} ({Contract.Version})";
    }

    /// <summary>The reader of an event type, or null when the consumer's contract version has no such type.</summary>
    public ContractEventValidator? ValidatorFor(string eventType) => validators.GetValueOrDefault(eventType);
}
