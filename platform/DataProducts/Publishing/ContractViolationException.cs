using DataMesh.Contracts;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// A domain tried to publish an event its output port's contract does not allow; nothing was written.
/// The message names every offending field.
/// </summary>
public sealed class ContractViolationException(string dataProductId, DataContract contract, string eventType, IReadOnlyList<EventViolation> violations)
    : InvalidOperationException(
        $"{eventType} breaks contract {contract.Id} {contract.Version} of data product {dataProductId}: " +
        string.Join("; ", violations))
{
    public string DataProductId { get; } = dataProductId;

    public string EventType { get; } = eventType;

    public IReadOnlyList<EventViolation> Violations { get; } = violations;
}
