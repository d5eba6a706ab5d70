using System.Text.Json.Nodes;
using Json.Schema;

namespace DataMesh.Contracts;

/// <summary>
/// Derives a JSON Schema (draft 2020-12) from a contract's schema object, so that producers, consumers and
/// the catalogue check events against one rule set taken from the contract rather than a hand-kept copy.
/// Publishing, fields not in the contract are refused (<c>additionalProperties: false</c>): an undeclared field is
/// either a typo or data the contract never promised, possibly personal data. Reading, they are allowed, so that a
/// consumer reads the events of a later minor version of the contract (<see cref="ContractEventMode"/>).
/// </summary>
public static class ContractJsonSchema
{
    /// <summary>The JSON Schema of the event type <paramref name="schemaObjectName"/> of <paramref name="contract"/>.</summary>
    /// <exception cref="KeyNotFoundException">The contract has no such schema object.</exception>
    public static JsonSchema For(DataContract contract, string schemaObjectName, ContractEventMode mode = ContractEventMode.Publishing)
    {
        // No $id: JsonSchema.Net refuses to register a second schema under an $id it has seen in the process,
        // and a service may load the same contract version more than once (tests, reloads).
        return Build(ForObject(contract.SchemaObject(schemaObjectName), mode).Schema(MetaSchemas.Draft202012Id));
    }

    internal static JsonSchemaBuilder ForObject(SchemaObject schemaObject, ContractEventMode mode = ContractEventMode.Publishing)
    {
        var builder = new JsonSchemaBuilder().Title(schemaObject.Name);
        if (schemaObject.Description is { } description)
        {
            builder.Description(description);
        }

        return WithProperties(builder.Type(SchemaValueType.Object), schemaObject.Properties, mode);
    }

    internal static JsonSchemaBuilder ForProperty(SchemaProperty property, ContractEventMode mode = ContractEventMode.Publishing)
    {
        var builder = new JsonSchemaBuilder();
        if (property.Description is { } description)
        {
            builder.Description(description);
        }

        var type = property.LogicalType switch
        {
            LogicalType.String or LogicalType.Date or LogicalType.Timestamp or LogicalType.Time => SchemaValueType.String,
            LogicalType.Number => SchemaValueType.Number,
            LogicalType.Integer => SchemaValueType.Integer,
            LogicalType.Boolean => SchemaValueType.Boolean,
            LogicalType.Object => SchemaValueType.Object,
            _ => SchemaValueType.Array,
        };

        // ODCS "required: false" means the value may be null, not only absent.
        builder = property.Required ? builder.Type(type) : builder.Type(type, SchemaValueType.Null);

        var options = property.Options;
        // Only formats JSON Schema knows are checked; the standard lets integer, number, timestamp and time
        // formats be other things (i32, a date pattern), which describe storage rather than the JSON value.
        if (property.LogicalType == LogicalType.Date)
        {
            builder.Format(options.Format == "date-time" ? Formats.DateTime : Formats.Date);
        }
        else if (property.LogicalType == LogicalType.Timestamp)
        {
            builder.Format(Formats.DateTime);
        }
        else if (property.LogicalType == LogicalType.Time)
        {
            builder.Format(Formats.Time);
        }
        else if (property.LogicalType == LogicalType.String && options.Format is { } format && MeshGovernance.StringFormats.Contains(format))
        {
            builder.Format(format);
        }

        if (options.MinLength is { } minLength)
        {
            builder.MinLength((uint)minLength);
        }

        if (options.MaxLength is { } maxLength)
        {
            builder.MaxLength((uint)maxLength);
        }

        if (options.Pattern is { } pattern)
        {
            builder.Pattern(pattern);
        }

        if (options.Enum is { } values)
        {
            var allowed = values.Select(v => (JsonNode?)JsonValue.Create(v));
            builder.Enum(property.Required ? allowed : allowed.Append(null)!);
        }

        if (options.Minimum is { } minimum)
        {
            builder = options.ExclusiveMinimum ? builder.ExclusiveMinimum(minimum) : builder.Minimum(minimum);
        }

        if (options.Maximum is { } maximum)
        {
            builder = options.ExclusiveMaximum ? builder.ExclusiveMaximum(maximum) : builder.Maximum(maximum);
        }

        if (options.MultipleOf is { } multipleOf)
        {
            builder.MultipleOf(multipleOf);
        }

        if (options.MinItems is { } minItems)
        {
            builder.MinItems((uint)minItems);
        }

        if (options.MaxItems is { } maxItems)
        {
            builder.MaxItems((uint)maxItems);
        }

        if (options.UniqueItems)
        {
            builder.UniqueItems(true);
        }

        if (property.Items is { } items)
        {
            builder.Items(ForProperty(items, mode));
        }

        return property.LogicalType == LogicalType.Object ? WithProperties(builder, property.Properties, mode) : builder;
    }

    internal static JsonSchema Build(JsonSchemaBuilder builder) => builder.Build();

    private static JsonSchemaBuilder WithProperties(JsonSchemaBuilder builder, IReadOnlyList<SchemaProperty> properties, ContractEventMode mode)
    {
        builder
            .Properties(properties.Select(p => (p.Name, ForProperty(p, mode))).ToArray())
            .Required(properties.Where(p => p.Required).Select(p => p.Name));
        return mode == ContractEventMode.Publishing ? builder.AdditionalProperties(false) : builder;
    }
}
