using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DataMesh.Contracts.Model;
using DataMesh.Contracts.Quality;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>Reads an ODCS v3.1.0 or v3.0.x <c>*.odcs.yaml</c> file into a <see cref="DataContract"/>, checking each field as it goes.</summary>
internal static class ContractReader
{
    public static readonly string[] ApiVersions = ["v3.1.0", "v3.0.0", "v3.0.1", "v3.0.2"];

    /// <summary>The object-level custom property holding whole example events (a list of them).</summary>
    public const string ExamplesProperty = "examples";

    /// <summary>The <c>physicalType</c> of a schema object published on a topic; its <c>physicalName</c> is the topic.</summary>
    public const string TopicPhysicalType = "topic";

    /// <summary>The custom property that marks personal data (see <see cref="SchemaProperty.IsPersonalData"/>).</summary>
    public const string PersonalDataProperty = "pii";

    private static readonly string[] Fields =
        ["apiVersion", "kind", "id", "name", "version", "status", "domain", "dataProduct", "description", "team", "tags", "schema", "slaProperties", "servers"];

    private static readonly string[] ObjectFields =
        ["name", "physicalName", "physicalType", "logicalType", "businessName", "description", "tags", "properties", QualityRuleReader.Field, "customProperties"];

    private static readonly string[] PropertyFields =
    [
        "name", "logicalType", "logicalTypeOptions", "businessName", "description", "required", "unique", "primaryKey",
        "classification", "criticalDataElement", "tags", "customProperties", "examples", "properties", "items", "physicalName", QualityRuleReader.Field,
    ];

    // Array elements have no name and are never null; their classification defaults to the array's.
    private static readonly string[] ItemFields = ["logicalType", "logicalTypeOptions", "description", "classification", "properties", "items", "quality"];

    private static readonly string[] SlaFields = ["property", "value", "unit", "element", "driver"];

    private static readonly IReadOnlyDictionary<LogicalType, string[]> OptionsByType = new Dictionary<LogicalType, string[]>
    {
        [LogicalType.String] = ["format", "minLength", "maxLength", "pattern"],
        [LogicalType.Date] = ["format"],
        [LogicalType.Integer] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
        [LogicalType.Number] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
        [LogicalType.Array] = ["minItems", "maxItems", "uniqueItems"],
        [LogicalType.Object] = [],
        [LogicalType.Boolean] = [],
    };

    private static readonly string[] StringFormats = ["email", "uuid", "uri", "hostname", "ipv4", "ipv6"];
    private static readonly string[] DateFormats = ["date", "date-time"];

    /// <summary>The contract, or null when it could not be read whole (the problems are in the reader).</summary>
    public static DataContract? Read(YamlNode root, DefinitionReader reader)
    {
        var fields = reader.Mapping(root, "", Fields);
        if (fields is null)
        {
            return null;
        }

        var apiVersion = fields.OneOf("apiVersion", ApiVersions, required: true) ?? "";
        fields.OneOf("kind", ["DataContract"], required: true);
        var id = fields.Text("id");
        var name = fields.OptionalText("name");
        var version = fields.Version("version");
        var status = fields.Choice<DataProductStatus>("status", required: true);
        var domain = fields.OptionalText("domain") ?? "";
        var dataProduct = fields.OptionalText("dataProduct") ?? "";
        var description = DescriptionReader.Read(fields, required: false);
        var team = TeamReader.Read(fields, required: false);
        var tags = fields.Texts("tags");
        // ODCS v3.1.0 writes exclusiveMinimum/exclusiveMaximum as the bound itself (JSON Schema 2019); v3.0.x as a flag on minimum/maximum.
        var boundsAreNumbers = apiVersion == "v3.1.0";
        var schema = fields.Items("schema", required: false, (node, path) => ReadObject(node, path, reader, boundsAreNumbers));
        RefuseDuplicates(schema, o => o.Name, o => o.Source, "name", reader);
        var sla = ReadSla(fields);
        var servers = ReadServers(fields, schema.FirstOrDefault(o => o.PhysicalType == TopicPhysicalType && o.PhysicalName is not null)?.PhysicalName);

        return fields.HasErrors || status is null || description is null || fields.Has("team") && team is null
            ? null
            : new DataContract(apiVersion, id, name, version, status.Value, domain, dataProduct, description, team, schema, sla, servers, tags, fields.Source);
    }

    private static SchemaObject? ReadObject(YamlNode node, string path, DefinitionReader reader, bool boundsAreNumbers)
    {
        var errorsBefore = reader.Errors.Count;
        var fields = reader.Mapping(node, path, ObjectFields);
        if (fields is null)
        {
            return null;
        }

        var name = fields.Text("name");
        fields.OneOf("logicalType", ["object"], required: true);
        var properties = ReadProperties(fields, reader, boundsAreNumbers);
        var customProperties = ReadCustomProperties(fields);
        var (examplesNode, examplesPath) = ExamplesOf(fields, reader);
        var schemaObject = new SchemaObject(
            name, fields.OptionalText("businessName"), fields.OptionalText("description"), properties, [], fields.Texts("tags"), fields.Source)
        {
            PhysicalName = fields.OptionalText("physicalName"),
            PhysicalType = fields.OptionalText("physicalType"),
            CustomProperties = customProperties,
            Quality = QualityRuleReader.Read(fields, QualityLevel.Object),
        };
        var examples = new List<ExampleEvent>();
        for (var i = 0; examplesNode is not null && i < examplesNode.Children.Count; i++)
        {
            var example = examplesNode.Children[i];
            if (example is YamlMappingNode)
            {
                examples.Add(YamlJson.Example(example, reader));
            }
            else
            {
                reader.Error(example, $"{examplesPath}[{i}]", $"an example event is a mapping of fields, found {YamlFields.Describe(example)}");
            }
        }

        if (fields.HasErrors)
        {
            return null;
        }

        // Examples are only checked against a schema that was read whole, or they would fail on what is missing.
        if (reader.Errors.Count > errorsBefore)
        {
            return schemaObject with { Examples = examples };
        }

        var validator = ContractEventValidator.ForExamples(schemaObject);
        for (var i = 0; i < examples.Count; i++)
        {
            foreach (var violation in validator.Validate(examples[i].Value))
            {
                var field = violation.Field == "$" ? "" : $".{violation.Field}";
                reader.Errors.Add(new(examples[i].LocationOf(violation.Pointer), $"{examplesPath}[{i}]{field}", violation.Reason));
            }
        }

        return schemaObject with { Examples = examples };
    }

    private static IReadOnlyList<SchemaProperty> ReadProperties(YamlFields fields, DefinitionReader reader, bool boundsAreNumbers)
    {
        var properties = fields.Items("properties", required: true, (node, path) => ReadProperty(node, path, reader, item: null, boundsAreNumbers));
        RefuseDuplicates(properties, p => p.Name, p => p.Source, "name", reader);
        return properties;
    }

    /// <param name="item">The array whose elements this describes, or null for a named property.</param>
    private static SchemaProperty? ReadProperty(YamlNode node, string path, DefinitionReader reader, SchemaProperty? item, bool boundsAreNumbers)
    {
        var errorsBefore = reader.Errors.Count;
        var fields = reader.Mapping(node, path, item is null ? PropertyFields : ItemFields);
        if (fields is null)
        {
            return null;
        }

        var name = item is null ? fields.Text("name") : $"{item.Name}[]";
        var logicalType = fields.Choice<LogicalType>("logicalType", required: true);
        var options = logicalType is null ? LogicalTypeOptions.None : ReadOptions(fields, logicalType.Value, boundsAreNumbers);
        if (options is not null && logicalType is { } type && AllowedValues.Read(fields.Node("quality", required: false), type) is { } allowed)
        {
            options = options with { Enum = allowed };
        }

        var required = item is not null || fields.Boolean("required");
        var primaryKey = fields.Boolean("primaryKey");

        // ODCS leaves classification free text; the mesh's four levels are checked by MeshGovernance. A value
        // outside them (or none) reads as restricted, so nothing unclassified is ever treated as public.
        var classificationName = fields.OptionalText("classification");
        var classification = classificationName is null && item is not null
            ? item.Classification
            : MeshGovernance.ClassificationOf(classificationName) ?? Classification.Restricted;
        var customProperties = ReadCustomProperties(fields);
        var isPersonalData = IsPersonalData(fields, customProperties);

        var property = new SchemaProperty(
            name,
            logicalType ?? LogicalType.String,
            options ?? LogicalTypeOptions.None,
            item is null ? fields.OptionalText("businessName") : null,
            fields.OptionalText("description"),
            required,
            item is null && fields.Boolean("unique"),
            primaryKey,
            classification,
            isPersonalData,
            item is null && fields.Boolean("criticalDataElement"),
            [],
            null,
            [],
            item is null ? fields.Texts("tags") : [],
            customProperties,
            fields.Source)
        {
            ClassificationName = classificationName,
            PhysicalName = item is null ? fields.OptionalText("physicalName") : null,
            Quality = item is null ? QualityRuleReader.Read(fields, QualityLevel.Property) : [],
        };

        if (logicalType == LogicalType.Object)
        {
            property = property with { Properties = ReadProperties(fields, reader, boundsAreNumbers) };
        }
        else
        {
            fields.Forbid("properties", "only a property of logicalType object has properties");
        }

        if (logicalType == LogicalType.Array)
        {
            var items = fields.Node("items", required: true);
            property = property with { Items = items is null ? null : ReadProperty(items, fields.PathOf("items"), reader, property, boundsAreNumbers) };
        }
        else
        {
            fields.Forbid("items", "only a property of logicalType array has items");
        }

        if (fields.HasErrors || options is null)
        {
            return null;
        }

        return reader.Errors.Count > errorsBefore ? property : property with { Examples = ReadExamples(fields, property, reader) };
    }

    /// <returns>The options, or null when they are broken (the problems are reported).</returns>
    private static LogicalTypeOptions? ReadOptions(YamlFields property, LogicalType logicalType, bool boundsAreNumbers)
    {
        var allowed = OptionsByType[logicalType];
        if (allowed.Length == 0)
        {
            property.Forbid("logicalTypeOptions", $"logicalType {logicalType.ToString().ToLowerInvariant()} takes no options");
            return LogicalTypeOptions.None;
        }

        var fields = property.Mapping("logicalTypeOptions", allowed, required: false);
        if (fields is null)
        {
            return LogicalTypeOptions.None;
        }

        var format = logicalType switch
        {
            LogicalType.String => fields.OneOf("format", StringFormats, required: false),
            LogicalType.Date => fields.OneOf("format", DateFormats, required: false),
            _ => null,
        };
        var pattern = fields.OptionalText("pattern");
        if (pattern is not null && !IsRegex(pattern))
        {
            fields.Error("pattern", $"'{pattern}' is not a valid regular expression");
        }

        var (minimum, exclusiveMinimum) = Bound(fields, "minimum", "exclusiveMinimum", boundsAreNumbers, Math.Max);
        var (maximum, exclusiveMaximum) = Bound(fields, "maximum", "exclusiveMaximum", boundsAreNumbers, Math.Min);
        var options = new LogicalTypeOptions(
            format,
            fields.Count("minLength"),
            fields.Count("maxLength"),
            pattern,
            null,
            minimum,
            maximum,
            exclusiveMinimum,
            exclusiveMaximum,
            fields.Number("multipleOf"),
            fields.Count("minItems"),
            fields.Count("maxItems"),
            fields.Boolean("uniqueItems"));

        if (options.MinLength > options.MaxLength)
        {
            fields.Error("minLength", $"{options.MinLength} is above maxLength {options.MaxLength}");
        }

        if (options.Minimum > options.Maximum)
        {
            fields.Error("minimum", $"{options.Minimum} is above maximum {options.Maximum}");
        }

        if (options.MinItems > options.MaxItems)
        {
            fields.Error("minItems", $"{options.MinItems} is above maxItems {options.MaxItems}");
        }

        if (options.MultipleOf <= 0)
        {
            fields.Error("multipleOf", $"{options.MultipleOf} is not above zero");
        }

        return fields.HasErrors ? null : options;
    }

    /// <summary>
    /// A bound and whether it is exclusive. In v3.1.0 <c>exclusiveMinimum: 0</c> is itself the bound; with both
    /// written the stricter one holds (<paramref name="stricter"/> picks it; on a tie the exclusive one).
    /// </summary>
    private static (decimal? Bound, bool Exclusive) Bound(YamlFields fields, string inclusive, string exclusive, bool boundsAreNumbers, Func<decimal, decimal, decimal> stricter)
    {
        var bound = fields.Number(inclusive);
        if (!boundsAreNumbers)
        {
            return (bound, fields.Boolean(exclusive));
        }

        if (fields.Number(exclusive) is not { } exclusiveBound)
        {
            return (bound, false);
        }

        return bound is null || stricter(bound.Value, exclusiveBound) == exclusiveBound ? (exclusiveBound, true) : (bound, false);
    }

    /// <summary>
    /// The object's whole example events: the value of its custom property <c>examples</c>, with the value's path, or
    /// nothing when there is none (a value that is not a list is reported).
    /// </summary>
    private static (YamlSequenceNode? Examples, string Path) ExamplesOf(YamlFields fields, DefinitionReader reader)
    {
        if (fields.Raw(CustomPropertyReader.Field) is not YamlSequenceNode entries)
        {
            return (null, "");
        }

        for (var i = 0; i < entries.Children.Count; i++)
        {
            if (entries.Children[i] is YamlMappingNode entry
                && entry.Children.TryGetValue(new YamlScalarNode("property"), out var name) && name is YamlScalarNode { Value: ExamplesProperty }
                && entry.Children.TryGetValue(new YamlScalarNode("value"), out var value))
            {
                var path = $"{fields.PathOf(CustomPropertyReader.Field)}[{i}].value";
                if (value is YamlSequenceNode sequence)
                {
                    return (sequence, path);
                }

                reader.Error(value, path, $"the examples are a list of example events, found {YamlFields.Describe(value)}");
            }
        }

        return (null, "");
    }

    /// <summary>The custom properties, with the personal-data flag checked: a misspelt or non-boolean one would silently drop the protection.</summary>
    private static IReadOnlyList<CustomProperty> ReadCustomProperties(YamlFields fields)
    {
        var customProperties = CustomPropertyReader.Read(fields);
        foreach (var property in customProperties)
        {
            if (property.Property != PersonalDataProperty && string.Equals(property.Property, PersonalDataProperty, StringComparison.OrdinalIgnoreCase))
            {
                fields.Reader.Errors.Add(property.Source.Error("property", $"'{property.Property}' would not mark personal data; the custom property is '{PersonalDataProperty}', in lower case"));
            }
            else if (property.Property == PersonalDataProperty && property.Text is not ("true" or "false"))
            {
                fields.Reader.Errors.Add(property.Source.Error("value", $"'{property.Text ?? property.Value?.ToJsonString()}' is not true or false"));
            }
        }

        return customProperties;
    }

    private static bool IsPersonalData(YamlFields property, IReadOnlyList<CustomProperty> customProperties) =>
        property.Has("customProperties") && customProperties.Any(p => p is { Property: PersonalDataProperty, Text: "true" });

    private static IReadOnlyList<JsonNode?> ReadExamples(YamlFields fields, SchemaProperty property, DefinitionReader reader)
    {
        var node = fields.Node("examples", required: false);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            fields.Error("examples", $"expected a list, found {YamlFields.Describe(node)}");
            return [];
        }

        // Checked as a one-field event, so the reasons read exactly as they would for a real event.
        var validator = ContractEventValidator.ForExamples(
            new SchemaObject(property.Name, null, null, [property with { Required = false }], [], [], property.Source));
        var examples = new List<JsonNode?>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var example = YamlJson.ToJson(sequence.Children[i], reader);
            foreach (var violation in validator.Validate(new JsonObject { [property.Name] = example?.DeepClone() }))
            {
                reader.Error(sequence.Children[i], $"{fields.PathOf("examples")}[{i}]", violation.Reason);
            }

            examples.Add(example);
        }

        return examples;
    }

    private static IReadOnlyList<ServiceLevelProperty> ReadSla(YamlFields contract)
    {
        var sla = contract.Items("slaProperties", required: false, (node, path) =>
        {
            var fields = contract.Reader.Mapping(node, path, SlaFields);
            if (fields is null)
            {
                return null;
            }

            var property = new ServiceLevelProperty(
                fields.Text("property"), fields.Text("value"), fields.OptionalText("unit"), fields.OptionalText("element"), fields.OptionalText("driver"), fields.Source);
            return fields.HasErrors ? null : property;
        });

        RefuseDuplicates(sla, p => p.Property, p => p.Source, "property", contract.Reader);

        return sla;
    }

    private static IReadOnlyList<ContractServer> ReadServers(YamlFields contract, string? topic)
    {
        var servers = contract.Items("servers", required: false, (node, path) => ReadServer(node, path, contract.Reader, topic));

        RefuseDuplicates(servers, s => s.Server, s => s.Source, "server", contract.Reader);

        return servers;
    }

    /// <summary>
    /// One server: the fields every server has, then the connection fields its type lists (the required ones must be
    /// there, any other is unknown). A server whose type is missing or unknown is only reported for its type.
    /// </summary>
    private static ContractServer? ReadServer(YamlNode node, string path, DefinitionReader reader, string? topic)
    {
        var typeName = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("type"), out var typeNode) ? (typeNode as YamlScalarNode)?.Value : null;
        var knownType = typeName is null ? null : ServerTypes.Parse(typeName);
        var connectionFields = knownType is { } t ? ServerTypes.ConnectionFields(t) : ServerTypes.AllConnectionFields;
        var fields = reader.Mapping(node, path, [.. ServerTypes.CommonFields, .. connectionFields]);
        if (fields is null)
        {
            return null;
        }

        var name = fields.Text("server");
        var type = fields.OneOf("type", ServerTypes.Names, required: true) is { } written ? ServerTypes.Parse(written) : null;
        if (type is { } serverType)
        {
            foreach (var required in ServerTypes.RequiredFields(serverType))
            {
                fields.Node(required, required: true);
            }
        }

        var settings = new Dictionary<string, string>();
        foreach (var field in connectionFields.Where(f => f is not (ServerTypes.Host or ServerTypes.Port or ServerTypes.Database or ServerTypes.Schema or ServerTypes.Location or ServerTypes.Format)))
        {
            if (fields.OptionalText(field) is { } value)
            {
                settings[field] = value;
            }
        }

        var location = fields.OptionalText(ServerTypes.Location);
        if (type == ContractServerType.Api && location is { Length: > 0 } && !location.StartsWith('/') && !(Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            fields.Error(ServerTypes.Location, $"'{location}' is neither a path starting with '/' nor an http(s) URL");
        }

        if (type == ContractServerType.Sftp && location is not null && !location.StartsWith(ServerTypes.SftpScheme, StringComparison.Ordinal))
        {
            fields.Error(ServerTypes.Location, $"'{location}' does not start with {ServerTypes.SftpScheme}");
        }

        var port = fields.Integer(ServerTypes.Port);
        if (port is < int.MinValue or > int.MaxValue)
        {
            fields.Error(ServerTypes.Port, $"'{port}' is not a port");
        }

        var server = new ContractServer(name, type ?? ContractServerType.Custom, fields.Source)
        {
            Id = fields.StableId("id"),
            Description = fields.OptionalText("description"),
            Environment = fields.OptionalText("environment"),
            Host = fields.OptionalText(ServerTypes.Host),
            Port = (int?)port,
            Database = fields.OptionalText(ServerTypes.Database),
            Schema = fields.OptionalText(ServerTypes.Schema),
            Location = location,
            Format = fields.OptionalText(ServerTypes.Format),
            Topic = type == ContractServerType.Kafka ? topic : null,
            Settings = settings,
            Roles = RoleReader.Read(fields),
            CustomProperties = CustomPropertyReader.Read(fields),
        };
        return fields.HasErrors ? null : server;
    }

    /// <summary>Reports every element whose key repeats an earlier one's, at the repeated key.</summary>
    private static void RefuseDuplicates<T>(IReadOnlyList<T> items, Func<T, string> key, Func<T, DefinitionSource> source, string field, DefinitionReader reader)
    {
        var seen = new Dictionary<string, DefinitionSource>();
        foreach (var item in items)
        {
            if (!seen.TryAdd(key(item), source(item)))
            {
                reader.Errors.Add(source(item).Error(field, $"'{key(item)}' is already used by {seen[key(item)].Path}"));
            }
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.ECMAScript);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
