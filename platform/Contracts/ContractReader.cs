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
    [
        "apiVersion", "kind", "id", "name", "version", "status", "tenant", "domain", "dataProduct", "description", "team", "tags", "schema",
        SupportReader.Field, "price", RoleReader.Field, "slaDefaultElement", "slaProperties", "servers", AuthoritativeDefinitionReader.Field,
        CustomPropertyReader.Field, "contractCreatedTs",
    ];

    // What every schema element (object or property) has.
    private static readonly string[] ElementFields =
        ["id", "name", "physicalType", "description", "businessName", AuthoritativeDefinitionReader.Field, "tags", CustomPropertyReader.Field];

    private static readonly string[] ObjectFields =
        [.. ElementFields, "logicalType", "physicalName", "dataGranularityDescription", "properties", RelationshipReader.Field, QualityRuleReader.Field];

    // A property's fields; an array's items have the same but need no name.
    private static readonly string[] PropertyFields =
    [
        .. ElementFields, "primaryKey", "primaryKeyPosition", "logicalType", "logicalTypeOptions", "physicalName", "required", "unique", "partitioned",
        "partitionKeyPosition", "classification", "encryptedName", "transformSourceObjects", "transformLogic", "transformDescription", "examples",
        "criticalDataElement", RelationshipReader.Field, QualityRuleReader.Field, "properties", "items",
    ];

    private static readonly string[] PriceFields = ["id", "priceAmount", "priceCurrency", "priceUnit"];

    private static readonly string[] SlaFields = ["id", "property", "value", "valueExt", "unit", "element", "driver", "scheduler", "schedule", "description"];

    // The options each logical type takes; a boolean's are not constrained by the standard (null), a property without a
    // logical type takes none.
    private static readonly IReadOnlyDictionary<LogicalType, string[]?> OptionsByType = new Dictionary<LogicalType, string[]?>
    {
        [LogicalType.String] = ["format", "minLength", "maxLength", "pattern"],
        [LogicalType.Date] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
        [LogicalType.Timestamp] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "timezone", "defaultTimezone"],
        [LogicalType.Time] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "timezone", "defaultTimezone"],
        [LogicalType.Integer] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
        [LogicalType.Number] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
        [LogicalType.Array] = ["minItems", "maxItems", "uniqueItems"],
        [LogicalType.Object] = ["minProperties", "maxProperties", "required"],
        [LogicalType.Boolean] = null,
    };

    private static readonly string[] IntegerFormats = ["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128"];
    private static readonly string[] NumberFormats = ["f32", "f64"];
    private static readonly string[] Statuses = Enum.GetNames<DataProductStatus>().Select(n => n.ToLowerInvariant()).ToArray();

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
        var versionText = fields.Text("version");
        var statusText = fields.Text("status");
        var domain = fields.OptionalText("domain") ?? "";
        var dataProduct = fields.OptionalText("dataProduct") ?? "";
        var description = DescriptionReader.Read(fields, Standard.Odcs);
        var team = TeamReader.Read(fields, Standard.Odcs);
        var tags = fields.Texts("tags");
        // Where v3.1.0 and v3.0.x differ: v3.1.0 writes exclusiveMinimum/exclusiveMaximum as the bound itself (JSON Schema
        // 2019), v3.0.x as a flag on minimum/maximum; v3.1.0's library rules name their metric (v3.0.x's `rule` beside it at most).
        var v310 = apiVersion == "v3.1.0";
        var schema = fields.Items("schema", required: false, (node, path) => ReadObject(node, path, reader, v310));
        var sla = ReadSla(fields);
        var servers = ReadServers(fields, schema.FirstOrDefault(o => o.PhysicalType == TopicPhysicalType && o.PhysicalName is not null)?.PhysicalName);

        return fields.HasErrors || description is null || fields.Has("team") && team is null
            ? null
            : new DataContract(apiVersion, id, name, VersionOf(versionText), StatusOf(statusText), domain, dataProduct, description, team, schema, sla, servers, tags, fields.Source)
            {
                VersionText = versionText,
                StatusText = statusText,
                Tenant = fields.OptionalText("tenant"),
                Support = SupportReader.Read(fields, Standard.Odcs),
                Price = ReadPrice(fields),
                Roles = RoleReader.Read(fields),
                SlaDefaultElement = fields.OptionalText("slaDefaultElement"),
                AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odcs),
                CustomProperties = CustomPropertyReader.Read(fields),
                ContractCreatedTs = fields.OptionalText("contractCreatedTs"),
            };
    }

    /// <summary>
    /// The version as the mesh compares it: strict semver, else 0.0.0. The standards take any text; governance rule
    /// <see cref="MeshGovernance.Lifecycle"/> refuses a version that is not semver, so the mesh never acts on the stand-in.
    /// </summary>
    internal static Semver.SemVersion VersionOf(string text) =>
        Semver.SemVersion.TryParse(text, Semver.SemVersionStyles.Strict, out var version) ? version : new Semver.SemVersion(0);

    /// <summary>The status as the mesh knows it, else proposed; governance rule <see cref="MeshGovernance.Lifecycle"/> refuses any other.</summary>
    internal static DataProductStatus StatusOf(string text) =>
        Statuses.Contains(text) ? Enum.GetValues<DataProductStatus>()[Array.IndexOf(Statuses, text)] : DataProductStatus.Proposed;

    private static Model.Price? ReadPrice(YamlFields contract)
    {
        var fields = contract.Mapping("price", PriceFields, required: false);
        if (fields is null)
        {
            return null;
        }

        var price = new Model.Price { Id = fields.StableId("id"), Amount = fields.Number("priceAmount"), Currency = fields.OptionalText("priceCurrency"), Unit = fields.OptionalText("priceUnit") };
        return fields.HasErrors ? null : price;
    }

    private static SchemaObject? ReadObject(YamlNode node, string path, DefinitionReader reader, bool v310)
    {
        var fields = reader.Mapping(node, path, ObjectFields);
        if (fields is null)
        {
            return null;
        }

        var name = fields.Text("name");
        var logicalType = fields.OneOf("logicalType", ["object"], required: false);
        var properties = ReadProperties(fields, reader, v310);
        var customProperties = ReadCustomProperties(fields);
        var (examplesNode, examplesPath) = ExamplesOf(fields);
        var examples = new List<ExampleEvent>();
        for (var i = 0; examplesNode is not null && i < examplesNode.Children.Count; i++)
        {
            // Whether each is a mapping is the mesh's concern (governance rule examples): the standard takes any value.
            examples.Add(YamlJson.Example(examplesNode.Children[i], reader));
        }

        var schemaObject = new SchemaObject(
            name, fields.OptionalText("businessName"), fields.OptionalText("description"), properties, examples, fields.Texts("tags"), fields.Source)
        {
            Id = fields.StableId("id"),
            HasLogicalType = logicalType is not null,
            PhysicalName = fields.OptionalText("physicalName"),
            PhysicalType = fields.OptionalText("physicalType"),
            DataGranularityDescription = fields.OptionalText("dataGranularityDescription"),
            CustomProperties = customProperties,
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odcs),
            Relationships = RelationshipReader.Read(fields, onProperty: false),
            Quality = QualityRuleReader.Read(fields, v310),
            ExamplesPath = examplesPath,
        };
        return fields.HasErrors ? null : schemaObject;
    }

    private static IReadOnlyList<SchemaProperty> ReadProperties(YamlFields fields, DefinitionReader reader, bool v310) =>
        fields.Items("properties", required: false, (node, path) => ReadProperty(node, path, reader, item: null, v310));

    /// <param name="item">The array whose elements this describes, or null for a named property.</param>
    private static SchemaProperty? ReadProperty(YamlNode node, string path, DefinitionReader reader, SchemaProperty? item, bool v310)
    {
        var fields = reader.Mapping(node, path, PropertyFields);
        if (fields is null)
        {
            return null;
        }

        // An array's items need no name; the mesh calls them after the array.
        var name = item is null ? fields.Text("name") : fields.OptionalText("name") ?? $"{item.Name}[]";
        var logicalType = fields.Choice<LogicalType>("logicalType", required: false);
        var options = ReadOptions(fields, logicalType, v310);
        if (options is not null && logicalType is { } type && AllowedValues.Read(fields.Node("quality", required: false), type) is { } allowed)
        {
            options = options with { Enum = allowed };
        }

        // Array elements are never null.
        // An array's elements are required (never null) unless the items say required: false.
        var required = item is null ? fields.Boolean("required") : fields.OptionalBoolean("required") ?? true;
        var primaryKey = fields.Boolean("primaryKey");

        // ODCS leaves classification free text; the mesh's four levels are checked by MeshGovernance. A value
        // outside them (or none) reads as restricted, so nothing unclassified is ever treated as public.
        var classificationName = fields.OptionalText("classification");
        var classification = classificationName is null && item is not null
            ? item.Classification
            : MeshGovernance.ClassificationOf(classificationName) ?? Classification.Restricted;
        var customProperties = ReadCustomProperties(fields);
        var isPersonalData = IsPersonalData(fields, customProperties);
        var (examples, exampleLocations) = ReadExamples(fields, reader);

        var property = new SchemaProperty(
            name,
            logicalType ?? LogicalType.String,
            options ?? LogicalTypeOptions.None,
            fields.OptionalText("businessName"),
            fields.OptionalText("description"),
            required,
            fields.Boolean("unique"),
            primaryKey,
            classification,
            isPersonalData,
            fields.Boolean("criticalDataElement"),
            [],
            null,
            examples,
            fields.Texts("tags"),
            customProperties,
            fields.Source)
        {
            Id = fields.StableId("id"),
            IsItem = item is not null,
            HasLogicalType = logicalType is not null,
            ClassificationName = classificationName,
            PhysicalName = fields.OptionalText("physicalName"),
            PhysicalType = fields.OptionalText("physicalType"),
            PrimaryKeyPosition = (int?)fields.Integer("primaryKeyPosition"),
            Partitioned = fields.OptionalBoolean("partitioned"),
            PartitionKeyPosition = (int?)fields.Integer("partitionKeyPosition"),
            EncryptedName = fields.OptionalText("encryptedName"),
            TransformSourceObjects = fields.Texts("transformSourceObjects"),
            TransformLogic = fields.OptionalText("transformLogic"),
            TransformDescription = fields.OptionalText("transformDescription"),
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odcs),
            Relationships = RelationshipReader.Read(fields, onProperty: true),
            Quality = QualityRuleReader.Read(fields, v310),
            ExampleLocations = exampleLocations,
            Written = WrittenFlags(fields),
        };

        // Without a logical type the standard allows both nested properties and items (it cannot tell which is meant).
        if (logicalType is LogicalType.Object or null)
        {
            property = property with { Properties = ReadProperties(fields, reader, v310) };
        }
        else
        {
            fields.Forbid("properties", "only a property of logicalType object has properties");
        }

        if (logicalType is LogicalType.Array or null)
        {
            var items = fields.Node("items", required: false);
            property = property with { Items = items is null ? null : ReadProperty(items, fields.PathOf("items"), reader, property, v310) };
        }
        else
        {
            fields.Forbid("items", "only a property of logicalType array has items");
        }

        return fields.HasErrors || options is null ? null : property;
    }

    /// <summary>Which of the boolean flags are written (a flag written <c>false</c> is kept as written), and an array item's <c>name</c>.</summary>
    private static IReadOnlySet<string> WrittenFlags(YamlFields fields) =>
        new[] { "required", "unique", "primaryKey", "criticalDataElement", "name" }.Where(fields.Has).ToHashSet();

    /// <returns>The options, or null when they are broken (the problems are reported).</returns>
    private static LogicalTypeOptions? ReadOptions(YamlFields property, LogicalType? logicalType, bool v310)
    {
        if (logicalType is null)
        {
            if (property.Raw("logicalTypeOptions") is YamlMappingNode { Children.Count: > 0 })
            {
                property.Error("logicalTypeOptions", "a property without a logicalType takes no options");
                return null;
            }

            return LogicalTypeOptions.None;
        }

        var allowed = OptionsByType[logicalType.Value];
        if (allowed is null)
        {
            // The standard leaves a boolean's options open: kept as written.
            var open = property.Node("logicalTypeOptions", required: false);
            if (open is not null and not YamlMappingNode)
            {
                property.Error("logicalTypeOptions", $"expected a mapping of fields, found {YamlFields.Describe(open)}");
                return null;
            }

            return open is null ? LogicalTypeOptions.None : new LogicalTypeOptions { AsWritten = YamlJson.ToJson(open, property.Reader) as JsonObject };
        }

        var fields = property.Mapping("logicalTypeOptions", allowed, required: false);
        if (fields is null)
        {
            return LogicalTypeOptions.None;
        }

        var format = logicalType switch
        {
            LogicalType.Integer => fields.OneOf("format", IntegerFormats, required: false),
            LogicalType.Number => fields.OneOf("format", NumberFormats, required: false),
            _ => fields.OptionalText("format"),
        };

        var temporal = logicalType is LogicalType.Date or LogicalType.Timestamp or LogicalType.Time;
        var (minimum, exclusiveMinimum) = temporal ? (null, false) : Bound(fields, "minimum", "exclusiveMinimum", v310, Math.Max);
        var (maximum, exclusiveMaximum) = temporal ? (null, false) : Bound(fields, "maximum", "exclusiveMaximum", v310, Math.Min);
        var multipleOf = fields.Number("multipleOf");
        if (multipleOf <= 0)
        {
            fields.Error("multipleOf", $"{multipleOf} is not above zero");
        }

        var required = fields.Has("required") ? fields.Texts("required") : null;
        if (required is { Count: 0 } && fields.Node("required", required: false) is YamlSequenceNode)
        {
            fields.Error("required", "needs at least one property name");
        }
        else if (required is not null && required.Distinct().Count() != required.Count)
        {
            fields.Error("required", "names a property twice");
        }

        var options = new LogicalTypeOptions(
            format,
            fields.Count("minLength"),
            fields.Count("maxLength"),
            fields.OptionalText("pattern"),
            null,
            minimum,
            maximum,
            exclusiveMinimum,
            exclusiveMaximum,
            multipleOf,
            fields.Count("minItems"),
            fields.Count("maxItems"),
            fields.Boolean("uniqueItems"))
        {
            TemporalMinimum = temporal ? fields.OptionalText("minimum") : null,
            TemporalMaximum = temporal ? fields.OptionalText("maximum") : null,
            TemporalExclusiveMinimum = temporal ? fields.OptionalText("exclusiveMinimum") : null,
            TemporalExclusiveMaximum = temporal ? fields.OptionalText("exclusiveMaximum") : null,
            Timezone = fields.OptionalBoolean("timezone"),
            DefaultTimezone = fields.OptionalText("defaultTimezone"),
            MinProperties = fields.Count("minProperties"),
            MaxProperties = fields.Count("maxProperties"),
            RequiredProperties = required,
            AsWritten = YamlJson.ToJson(property.Raw("logicalTypeOptions")!, property.Reader) as JsonObject,
            Source = fields.Source,
        };

        return fields.HasErrors ? null : options;
    }

    /// <summary>
    /// A bound and whether it is exclusive. In v3.1.0 <c>exclusiveMinimum: 0</c> is itself the bound; with both
    /// written the stricter one holds (<paramref name="stricter"/> picks it; on a tie the exclusive one).
    /// </summary>
    private static (decimal? Bound, bool Exclusive) Bound(YamlFields fields, string inclusive, string exclusive, bool v310, Func<decimal, decimal, decimal> stricter)
    {
        var bound = fields.Number(inclusive);

        // v3.0.x documents write the flag (v3.0.2's schema) or, read as v3.1.0 reads them, the bound itself.
        if (!v310 && fields.Raw(exclusive) is YamlScalarNode flag && YamlFields.ScalarKindOf(flag) == YamlFields.ScalarKind.Boolean)
        {
            return (bound, fields.Boolean(exclusive));
        }

        if (fields.Number(exclusive) is not { } exclusiveBound)
        {
            return (bound, false);
        }

        return bound is null || stricter(bound.Value, exclusiveBound) == exclusiveBound ? (exclusiveBound, true) : (bound, false);
    }

    /// <summary>The value of the object's custom property <c>examples</c> (whole example events, the mesh's extension) and its path, if there is one.</summary>
    private static (YamlSequenceNode? Examples, string Path) ExamplesOf(YamlFields fields)
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
                // A value that is not a list is reported by governance rule examples; the standard takes any value.
                return (value as YamlSequenceNode, $"{fields.PathOf(CustomPropertyReader.Field)}[{i}].value");
            }
        }

        return (null, "");
    }

    private static IReadOnlyList<CustomProperty> ReadCustomProperties(YamlFields fields) => CustomPropertyReader.Read(fields);

    private static bool IsPersonalData(YamlFields property, IReadOnlyList<CustomProperty> customProperties) =>
        property.Has("customProperties") && customProperties.Any(p => p is { Property: PersonalDataProperty, Text: "true" });

    /// <summary>A property's examples, any JSON values, each with where it is written (governance rule examples checks them against the property).</summary>
    private static (IReadOnlyList<JsonNode?> Examples, IReadOnlyList<SourceLocation> Locations) ReadExamples(YamlFields fields, DefinitionReader reader)
    {
        var node = fields.Node("examples", required: false);
        if (node is null)
        {
            return ([], []);
        }

        if (node is not YamlSequenceNode sequence)
        {
            fields.Error("examples", $"expected a list, found {YamlFields.Describe(node)}");
            return ([], []);
        }

        return (sequence.Children.Select(c => YamlJson.ToJson(c, reader)).ToList(), sequence.Children.Select(reader.LocationOf).ToList());
    }

    private static IReadOnlyList<ServiceLevelProperty> ReadSla(YamlFields contract) =>
        contract.Items("slaProperties", required: false, (node, path) =>
        {
            var fields = contract.Reader.Mapping(node, path, SlaFields);
            if (fields is null)
            {
                return null;
            }

            var value = SlaValue(fields, "value", required: true);
            var property = new ServiceLevelProperty(
                fields.Text("property"), value?.Text ?? "", fields.OptionalText("unit"), fields.OptionalText("element"), fields.OptionalText("driver"), fields.Source)
            {
                Id = fields.StableId("id"),
                ValueAsWritten = value?.Json,
                ValueExt = SlaValue(fields, "valueExt", required: false)?.Json,
                HasValueExt = fields.Has("valueExt"),
                Description = fields.OptionalText("description"),
                Scheduler = fields.OptionalText("scheduler"),
                Schedule = fields.OptionalText("schedule"),
            };
            return fields.HasErrors ? null : property;
        });

    /// <summary>An SLA value: any scalar, null included (the field itself must be there when required).</summary>
    private static (string Text, JsonNode? Json)? SlaValue(YamlFields fields, string name, bool required)
    {
        var node = fields.Raw(name);
        if (node is null)
        {
            if (required)
            {
                fields.Error(name, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            fields.Error(name, $"expected a single value, found {YamlFields.Describe(node)}");
            return null;
        }

        return (YamlFields.IsNull(scalar) ? "" : scalar.Value ?? "", YamlJson.ToJson(scalar, fields.Reader));
    }

    private static IReadOnlyList<ContractServer> ReadServers(YamlFields contract, string? topic)
    {
        return contract.Items("servers", required: false, (node, path) => ReadServer(node, path, contract.Reader, topic));
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
}
