using System.Text.Json;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>An event an input port received, already checked against the contract version the consumer declared.</summary>
/// <param name="Id">The CloudEvent id: the same for every redelivery of the event.</param>
/// <param name="Source">The CloudEvent source, e.g. <c>/dataproducts/hr.employees</c>.</param>
/// <param name="Type">The contract's schema object, e.g. <c>EmployeeHired</c>.</param>
/// <param name="Subject">The entity the event is about (the publisher's partition key), when given.</param>
/// <param name="ContractVersion">The contract version the publisher wrote against, when given.</param>
/// <param name="Data">The event itself.</param>
public sealed record ConsumedEvent(string Id, string Source, string Type, string? Subject, string? ContractVersion, JsonElement Data)
{
    /// <summary>The data deserialized with the web defaults (camelCase), as publishers serialize it.</summary>
    public T DataAs<T>() => Data.Deserialize<T>(JsonSerializerOptions.Web)
        ?? throw new JsonException($"Event {Id} ({Type}) has null data.");
}
