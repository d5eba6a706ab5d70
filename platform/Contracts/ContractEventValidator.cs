using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DataMesh.Contracts;

/// <summary>
/// Checks events against one event type of a contract, through the JSON Schema derived from it. The
/// publishing side refuses an event with violations; the consuming side, reading tolerantly
/// (<see cref="ContractEventMode.Reading"/>), drops one that breaks a rule of a field its contract version names and
/// ignores the fields it does not name (<see cref="UnknownFields"/>). Reasons name the field and what the contract expects; they quote the value found only when
/// the field is neither personal nor confidential or restricted, since reasons end up in logs, problems and the
/// catalog's dead letters, where anyone reading them would otherwise read the person's data.
/// </summary>
public sealed class ContractEventValidator
{
    // Every event is checked, few break the contract: a pass/fail evaluation stops at the first failure and builds no
    // result tree; only a failing event is evaluated again for the list of what is wrong.
    private static readonly EvaluationOptions Check = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions Itemize = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public ContractEventValidator(DataContract contract, string schemaObjectName, ContractEventMode mode = ContractEventMode.Publishing)
        : this(contract.SchemaObject(schemaObjectName), ContractJsonSchema.For(contract, schemaObjectName, mode))
    {
    }

    private ContractEventValidator(SchemaObject schemaObject, JsonSchema jsonSchema, bool quotesEveryValue = false)
    {
        SchemaObject = schemaObject;
        JsonSchema = jsonSchema;
        this.quotesEveryValue = quotesEveryValue;
    }

    // A contract's own examples are published with it: quoting them tells its author what to fix and reveals nothing.
    private readonly bool quotesEveryValue;

    /// <summary>The event type checked.</summary>
    public SchemaObject SchemaObject { get; }

    /// <summary>The JSON Schema derived from <see cref="SchemaObject"/>.</summary>
    public JsonSchema JsonSchema { get; }

    /// <summary>Checks the example events of a contract while it is read, before the contract itself exists.</summary>
    internal static ContractEventValidator ForExamples(SchemaObject schemaObject) =>
        new(schemaObject, ContractJsonSchema.Build(ContractJsonSchema.ForObject(schemaObject)), quotesEveryValue: true);

    /// <summary>Every way <paramref name="event"/> breaks the contract; empty when it keeps it.</summary>
    public IReadOnlyList<EventViolation> Validate(JsonNode? @event) => Validate(JsonSerializer.SerializeToElement(@event));

    /// <summary>Every way <paramref name="event"/> breaks the contract; empty when it keeps it.</summary>
    public IReadOnlyList<EventViolation> Validate(JsonElement @event)
    {
        if (JsonSchema.Evaluate(@event, Check).IsValid)
        {
            return [];
        }

        var results = JsonSchema.Evaluate(@event, Itemize);
        if (results.IsValid)
        {
            // JsonSchema.Net's format expressions (email, date-time, hostname) give up after 250 ms and call the value
            // invalid: on a starved machine the first evaluation can fail a valid event, which the second one passes.
            return [];
        }

        var violations = new List<EventViolation>();
        var typeErrors = new HashSet<string>();
        var failed = (results.Details ?? []).Prepend(results).Where(r => r.Errors is { Count: > 0 }).ToList();

        // A value of the wrong type also fails its format, enum or range; its type is the one thing to fix.
        foreach (var result in failed.Where(r => r.Errors!.ContainsKey("type")))
        {
            var pointer = result.InstanceLocation.ToString();
            typeErrors.Add(pointer);
            violations.Add(Violation(pointer, $"expected {Expected(PropertyAt(Segments(pointer)))}, found {Found(ValueAt(@event, pointer), pointer) ?? Kind(ValueAt(@event, pointer))}"));
        }

        foreach (var result in failed)
        {
            var pointer = result.InstanceLocation.ToString();
            if (typeErrors.Contains(pointer))
            {
                continue;
            }

            if (result.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal))
            {
                violations.Add(Violation(pointer, "is not a field of the contract"));
                continue;
            }

            foreach (var (keyword, message) in result.Errors!)
            {
                violations.AddRange(Explain(keyword, message, pointer, @event));
            }
        }

        return violations;
    }

    /// <summary>
    /// The fields of <paramref name="event"/> the contract does not name, as property paths (<c>address.country</c>):
    /// what a reader ignores. Names only, never values, so they may be logged.
    /// </summary>
    public IReadOnlyList<string> UnknownFields(JsonElement @event)
    {
        var unknown = new List<string>();
        Collect(@event, SchemaObject.Properties, "", unknown);
        return unknown;
    }

    private static void Collect(JsonElement value, IReadOnlyList<SchemaProperty> fields, string path, List<string> unknown)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in value.EnumerateObject())
        {
            var fieldPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            if (fields.FirstOrDefault(f => f.Name == member.Name) is not { } field)
            {
                unknown.Add(fieldPath);
            }
            else if (field.LogicalType == LogicalType.Object)
            {
                Collect(member.Value, field.Properties, fieldPath, unknown);
            }
            else if (field is { LogicalType: LogicalType.Array, Items.LogicalType: LogicalType.Object } && member.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in member.Value.EnumerateArray())
                {
                    Collect(item, field.Items.Properties, $"{fieldPath}[{index++}]", unknown);
                }
            }
        }
    }

    private IEnumerable<EventViolation> Explain(string keyword, string message, string pointer, JsonElement @event)
    {
        var value = ValueAt(@event, pointer);
        var property = PropertyAt(Segments(pointer));
        switch (keyword)
        {
            case "required":
                var fields = pointer.Length == 0 ? SchemaObject.Properties : property?.Properties ?? [];
                foreach (var missing in fields.Where(f => f.Required && value?.TryGetProperty(f.Name, out _) != true))
                {
                    yield return Violation($"{pointer}/{Escape(missing.Name)}", "is required but missing");
                }

                break;
            case "enum":
                yield return Violation(pointer, $"{Found(value, pointer) ?? "the value"} is not one of {string.Join(", ", property?.Options.Enum ?? [])}");
                break;
            case "format":
                yield return Violation(pointer, $"{Found(value, pointer) ?? "the value"} is not a valid {property?.Options.Format ?? (property?.LogicalType == LogicalType.Date ? "date" : "value")}");
                break;
            default:
                // JsonSchema.Net's own messages may quote the value (a number below its minimum): the rule is said in the contract's words.
                yield return Violation(pointer, Rule(keyword, property?.Options) ?? (quotesEveryValue || !Protected(Segments(pointer)) ? message : $"breaks the contract's {keyword}"));
                break;
        }
    }

    /// <summary>The contract property describing the value at a pointer, or null for the event itself.</summary>
    private SchemaProperty? PropertyAt(IReadOnlyList<string> segments) => segments.Count == 0 ? null : Along(segments).Last();

    /// <summary>The contract properties from the event down to the value at a path (null where the contract has none).</summary>
    private IEnumerable<SchemaProperty?> Along(IReadOnlyList<string> segments)
    {
        SchemaProperty? property = null;
        var fields = SchemaObject.Properties;
        foreach (var segment in segments)
        {
            property = property is { LogicalType: LogicalType.Array } array
                ? array.Items
                : fields.FirstOrDefault(f => f.Name == segment);
            fields = property?.Properties ?? [];
            yield return property;
        }
    }

    private EventViolation Violation(string pointer, string reason) => new(FieldPath(Segments(pointer)), pointer, reason);

    private string FieldPath(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return "$";
        }

        var path = "";
        SchemaProperty? property = null;
        var fields = SchemaObject.Properties;
        foreach (var segment in segments)
        {
            if (property is { LogicalType: LogicalType.Array } array)
            {
                path += $"[{segment}]";
                property = array.Items;
            }
            else
            {
                path += path.Length == 0 ? segment : $".{segment}";
                property = fields.FirstOrDefault(f => f.Name == segment);
            }

            fields = property?.Properties ?? [];
        }

        return path;
    }

    private static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

    private static JsonElement? ValueAt(JsonElement root, string pointer)
    {
        JsonElement? current = root;
        foreach (var segment in Segments(pointer))
        {
            current = current switch
            {
                { ValueKind: JsonValueKind.Object } o when o.TryGetProperty(segment, out var child) => child,
                { ValueKind: JsonValueKind.Array } a when int.TryParse(segment, out var i) && i < a.GetArrayLength() => a[i],
                _ => null,
            };
        }

        return current;
    }

    private static string Expected(SchemaProperty? property)
    {
        var expected = property?.LogicalType switch
        {
            null or LogicalType.Object => "an object",
            LogicalType.String => "a string",
            LogicalType.Date => property.Options.Format == "date-time" ? "a date-time string" : "a date string",
            LogicalType.Timestamp => "a date-time string",
            LogicalType.Time => "a time string",
            LogicalType.Number => "a number",
            LogicalType.Integer => "an integer",
            LogicalType.Boolean => "true or false",
            _ => "an array",
        };
        return property is { Required: false } ? $"{expected} or null" : expected;
    }

    /// <summary>The rule of the contract a value breaks, without the value; null for a keyword the contract does not write.</summary>
    private static string? Rule(string keyword, LogicalTypeOptions? options) => (keyword, options) switch
    {
        ("minLength", { MinLength: { } minLength }) => $"is shorter than {minLength} characters",
        ("maxLength", { MaxLength: { } maxLength }) => $"is longer than {maxLength} characters",
        ("pattern", { Pattern: { } pattern }) => $"does not match the pattern {pattern}",
        ("minimum", { Minimum: { } minimum }) => $"is less than the minimum {minimum}",
        ("exclusiveMinimum", { Minimum: { } minimum }) => $"is not greater than {minimum}",
        ("maximum", { Maximum: { } maximum }) => $"is greater than the maximum {maximum}",
        ("exclusiveMaximum", { Maximum: { } maximum }) => $"is not less than {maximum}",
        ("multipleOf", { MultipleOf: { } multipleOf }) => $"is not a multiple of {multipleOf}",
        ("minItems", { MinItems: { } minItems }) => $"has fewer than {minItems} items",
        ("maxItems", { MaxItems: { } maxItems }) => $"has more than {maxItems} items",
        ("uniqueItems", _) => "has the same item twice",
        _ => null,
    };

    /// <summary>The value found, quoted; null when the contract protects it.</summary>
    private string? Found(JsonElement? value, string pointer) => quotesEveryValue || !Protected(Segments(pointer)) ? Found(value) : null;

    /// <summary>
    /// Whether the value at a path is personal data, confidential or restricted, or lies inside such a field (an item
    /// of a personal array, a part of a personal object): its value never appears in a reason.
    /// </summary>
    private bool Protected(IReadOnlyList<string> segments) =>
        Along(segments).Any(p => p is { IsPersonalData: true } or { Classification: >= Classification.Confidential });

    private static string Kind(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => Found(value),
    };

    private static string Found(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => $"'{value.Value.GetString()}'",
        JsonValueKind.Number => value.Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
