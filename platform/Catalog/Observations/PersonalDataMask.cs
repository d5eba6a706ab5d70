using System.Text.Json.Nodes;
using DataMesh.Contracts;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// Hides the values of an event's personal fields (the contract's <c>pii</c> mark, <see cref="SchemaProperty.IsPersonalData"/>)
/// from whoever may not read them. The field stays, its value becomes <see cref="Masked"/>, so the reader still sees the shape; a field the contract does not name is masked as well.
/// </summary>
public static class PersonalDataMask
{
    public const string Masked = "***";

    /// <summary>
    /// The CloudEvent with the personal fields of its <c>data</c> masked, as <paramref name="schema"/> (the event type in
    /// the contract version it names) marks them. With no schema to tell personal fields apart, the whole data is masked.
    /// </summary>
    public static JsonObject Apply(JsonObject cloudEvent, SchemaObject? schema)
    {
        if (cloudEvent["data"] is not { } data)
        {
            return cloudEvent;
        }

        if (schema is null)
        {
            cloudEvent["data"] = Masked;
        }
        else
        {
            cloudEvent["data"] = Mask(data, schema.Properties);
        }

        return cloudEvent;
    }

    private static JsonNode? Mask(JsonNode? node, IReadOnlyList<SchemaProperty> properties)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        // A field the contract does not name cannot be told to be harmless: masked too.
        foreach (var unknown in obj.Select(p => p.Key).Where(key => properties.All(p => p.Name != key)).ToList())
        {
            obj[unknown] = Masked;
        }

        foreach (var property in properties)
        {
            if (!obj.TryGetPropertyValue(property.Name, out var value) || value is null)
            {
                continue;
            }

            obj[property.Name] = property.IsPersonalData
                ? Masked
                : value is JsonArray array && property.Items is { } items
                    ? new JsonArray([.. array.Select(item => items.IsPersonalData ? Masked : Mask(item?.DeepClone(), items.Properties))])
                    : Mask(value.DeepClone(), property.Properties);
        }

        return obj;
    }
}
