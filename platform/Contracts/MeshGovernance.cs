using System.Globalization;
using System.Text.RegularExpressions;

namespace DataMesh.Contracts;

/// <summary>
/// The mesh's own rules for descriptors and contracts, applied after a document was read as valid ODCS or
/// ODPS: what the standards leave open but the mesh relies on to route, protect and promise. Each finding
/// names its rule (<see cref="ContractValidationError.Rule"/>), so a report tells "not valid ODCS" apart from
/// "valid ODCS, but not what this mesh accepts". <see cref="DataProductCatalogueLoader"/> applies them at
/// service start and the catalog at registration, so a document breaking one is refused in both places.
/// </summary>
public static partial class MeshGovernance
{
    /// <summary>Ids, domains and product references are lower-case identifiers: they become topic names, routes and keys.</summary>
    public const string Identifier = "identifier";

    /// <summary>A contract names its domain and the data product offering it.</summary>
    public const string Ownership = "ownership";

    /// <summary>A contract that names a team names the team owning its data product: it speaks for the owner.</summary>
    public const string OwnerTeam = "owner-team";

    /// <summary>Every property (nested ones too) says what it means: consumers cannot use a field they cannot read.</summary>
    public const string PropertyDescription = "property-description";

    /// <summary>A contract says what its data is for, how to use it and what it cannot do.</summary>
    public const string Description = "description";

    /// <summary>A contract describes at least one event type.</summary>
    public const string EventTypes = "event-types";

    /// <summary>Every property says how sensitive it is: public, internal, confidential or restricted.</summary>
    public const string ClassificationRule = "classification";

    /// <summary>Personal data (custom property <c>pii: true</c>) is confidential or restricted.</summary>
    public const string PersonalData = "personal-data";

    /// <summary>A primary key is required: an event without its key cannot be applied.</summary>
    public const string PrimaryKey = "primary-key";

    /// <summary>Every contract promises freshness, latency and retention as positive times.</summary>
    public const string Promises = "promises";

    /// <summary>A contract is served through one kafka server (JSON events) and one api server.</summary>
    public const string Servers = "servers";

    /// <summary>Every event type of a contract is published on the one topic its schema objects name.</summary>
    public const string Topic = "topic";

    /// <summary>An input port names the upstream data product (custom property <c>dataProductId</c>).</summary>
    public const string UpstreamProduct = "upstream-product";

    /// <summary>Versions are strict semver (MAJOR.MINOR.PATCH) and the status one of proposed, draft, active, deprecated, retired: the mesh compares versions and routes by status.</summary>
    public const string Lifecycle = "lifecycle";

    /// <summary>Every property states its logical type, in the formats the mesh's JSON Schemas understand.</summary>
    public const string LogicalTypeRule = "logical-type";

    /// <summary>Logical type options the mesh can enforce: bounds in order, a pattern that compiles.</summary>
    public const string Options = "options";

    /// <summary>Examples (a property's, and the whole example events of an object) keep the contract.</summary>
    public const string Examples = "examples";

    /// <summary>Names are unique where the mesh looks things up by name: schema objects, properties, SLA entries, servers.</summary>
    public const string UniqueNames = "unique-names";

    /// <summary>A data product offers at least one contract (one output port per contract version).</summary>
    public const string OutputPorts = "output-ports";

    /// <summary>
    /// Quality rules the platform can run as written: each metric where it measures something, with the arguments it
    /// takes, bounds in order, a number to compare with, a cron schedule that parses, one id per rule in a list.
    /// </summary>
    public const string QualityRules = "quality";

    /// <summary>The string formats the mesh's JSON Schemas check.</summary>
    internal static readonly IReadOnlyList<string> StringFormats = ["email", "uuid", "uri", "hostname", "ipv4", "ipv6"];

    /// <summary>The date formats the mesh's JSON Schemas check (the standard allows any pattern).</summary>
    internal static readonly IReadOnlyList<string> DateFormats = ["date", "date-time"];

    /// <summary>The SLA entries every contract states, so consumers can alert on late or lost data and plan storage.</summary>
    public static readonly IReadOnlyList<string> RequiredSlaProperties = ["freshness", "latency", "retention"];

    /// <summary>The findings for one contract, in the order they are written.</summary>
    public static IReadOnlyList<ContractValidationError> Check(DataContract contract)
    {
        var findings = new List<ContractValidationError>();
        void Add(string rule, DefinitionSource source, string field, string reason) => findings.Add(source.Error(field, reason) with { Rule = rule });

        CheckIdentifier(findings, contract.Source, "id", contract.Id);
        CheckLifecycle(findings, contract.Source, contract.VersionText, contract.StatusText);
        if (contract.Team is { Name.Length: > 0 } team)
        {
            CheckIdentifier(findings, contract.Source, "team", team.Name);
        }

        foreach (var (field, value) in new[] { ("domain", contract.Domain), ("dataProduct", contract.DataProduct) })
        {
            if (value.Length == 0)
            {
                Add(Ownership, contract.Source, field, "is required: the mesh files every contract under its domain and data product");
            }
            else
            {
                CheckIdentifier(findings, contract.Source, field, value);
            }
        }

        foreach (var (field, text) in new[] { ("purpose", contract.Description.Purpose), ("usage", contract.Description.Usage), ("limitations", contract.Description.Limitations) })
        {
            if (text.Length == 0)
            {
                findings.Add(new ContractValidationError(
                    contract.Source.LocationOf("description"), $"description.{field}", "is required: consumers learn from it what the data is for, how to use it and what it cannot do") { Rule = Description });
            }
        }

        var eventTypes = contract.EventTypes;
        if (eventTypes.Count == 0 && !ServesTables(contract))
        {
            Add(EventTypes, contract.Source, "schema", "needs at least one schema object: one per event type");
        }

        foreach (var schemaObject in contract.Schema)
        {
            if (!schemaObject.IsStoredData && !schemaObject.IsQueryAnswer)
            {
                CheckTopic(findings, eventTypes, schemaObject);
            }

            if (schemaObject.ServedBy is { } servedBy && !contract.Servers.Any(s => s.Type == ContractServerType.Api && s.Server == servedBy))
            {
                var custom = schemaObject.CustomProperties.First(p => p.Property == SchemaObject.ServedByProperty);
                findings.Add(custom.Source.Error("value", $"'{servedBy}' is not an api server of this contract ({string.Join(", ", contract.Servers.Where(s => s.Type == ContractServerType.Api).Select(s => s.Server))})") with { Rule = Servers });
            }

            Quality.QualityRuleGovernance.Check(findings, schemaObject.Quality, Quality.QualityLevel.Object);

            // Examples are only checked against properties the mesh could read whole, or they would fail on what is missing.
            var before = findings.Count;
            CheckProperties(findings, schemaObject.Properties);
            CheckUnique(findings, schemaObject.Properties, p => p.Name, p => p.Source, "name");
            if (!findings.Skip(before).Any(f => f.Rule is LogicalTypeRule or Options or UniqueNames))
            {
                CheckObjectExamples(findings, schemaObject);
            }
        }

        CheckUnique(findings, contract.Schema, o => o.Name, o => o.Source, "name");
        CheckUnique(findings, contract.SlaProperties, p => p.Property, p => p.Source, "property");
        CheckUnique(findings, contract.Servers, s => s.Server, s => s.Source, "server");
        CheckPromises(findings, contract);
        CheckServers(findings, contract);
        return findings;
    }

    /// <summary>The findings for one descriptor, in the order they are written.</summary>
    public static IReadOnlyList<ContractValidationError> Check(DataProductDescriptor descriptor)
    {
        var findings = new List<ContractValidationError>();
        CheckIdentifier(findings, descriptor.Source, "id", descriptor.Id);
        CheckLifecycle(findings, descriptor.Source, descriptor.VersionText, descriptor.StatusText);
        if (descriptor.Name.Length == 0)
        {
            findings.Add(descriptor.Source.Error("name", "is required") with { Rule = Description });
        }

        foreach (var (field, text) in new[] { ("purpose", descriptor.Description.Purpose), ("usage", descriptor.Description.Usage), ("limitations", descriptor.Description.Limitations) })
        {
            if (text.Length == 0)
            {
                findings.Add(new ContractValidationError(
                    descriptor.Description.Source?.Location ?? descriptor.Source.LocationOf("description"), $"description.{field}", "is required") { Rule = Description });
            }
        }

        if (descriptor.Domain.Length == 0)
        {
            findings.Add(descriptor.Source.Error("domain", "is required") with { Rule = Ownership });
        }

        CheckIdentifier(findings, descriptor.Source, "domain", descriptor.Domain);
        if (descriptor.Team.Source is null)
        {
            findings.Add(descriptor.Source.Error("team", "is required") with { Rule = Ownership });
        }
        else if (descriptor.Team.Name.Length == 0)
        {
            findings.Add(new ContractValidationError(descriptor.Team.Source.Location, "team.name", "is required") { Rule = Ownership });
        }
        else if (!IdentifierPattern().IsMatch(descriptor.Team.Name))
        {
            findings.Add(new ContractValidationError(
                descriptor.Source.LocationOf("team"), "team.name", $"'{descriptor.Team.Name}' is not an identifier (lower-case letters, digits, '.', '-', '_', e.g. hr.employees)") { Rule = Identifier });
        }

        if (descriptor.OutputPorts.Count == 0)
        {
            findings.Add(descriptor.Source.Error("outputPorts", "needs at least one entry") with { Rule = OutputPorts });
        }

        foreach (var port in descriptor.InputPorts)
        {
            CheckLifecycle(findings, port.Source, port.VersionText, status: null);
            CheckIdentifier(findings, port.Source, "contractId", port.ContractId);
            if (port.DataProductId.Length == 0)
            {
                findings.Add(port.Source.Error("customProperties", $"needs a {{property: {InputPort.UpstreamProperty}, value: <id>}} entry naming the upstream data product") with { Rule = UpstreamProduct });
            }
            else
            {
                CheckIdentifier(findings, port.Source, InputPort.UpstreamField, port.DataProductId);
            }
        }

        foreach (var port in descriptor.OutputPorts)
        {
            CheckLifecycle(findings, port.Source, port.VersionText, status: null);
            if (port.ContractId.Length == 0)
            {
                findings.Add(port.Source.Error("contractId", "is required: an output port offers one version of one contract") with { Rule = Ownership });
            }

            CheckIdentifier(findings, port.Source, "contractId", port.ContractId);
        }

        return findings;
    }

    private static void CheckLifecycle(List<ContractValidationError> findings, DefinitionSource source, string? version, string? status)
    {
        if (version is null)
        {
            findings.Add(source.Error("version", "is required: consumers and the catalog compare versions") with { Rule = Lifecycle });
        }
        else if (!Semver.SemVersion.TryParse(version, Semver.SemVersionStyles.Strict, out _))
        {
            findings.Add(source.Error("version", $"'{version}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)") with { Rule = Lifecycle });
        }

        var statuses = Enum.GetNames<DataProductStatus>().Select(n => n.ToLowerInvariant()).ToList();
        if (status is not null && !statuses.Contains(status))
        {
            findings.Add(source.Error("status", $"'{status}' is not one of {string.Join(", ", statuses)}") with { Rule = Lifecycle });
        }
    }

    /// <summary>Reports every element whose key repeats an earlier one's, at the repeated key.</summary>
    private static void CheckUnique<T>(List<ContractValidationError> findings, IReadOnlyList<T> items, Func<T, string> key, Func<T, DefinitionSource> source, string field)
    {
        var seen = new Dictionary<string, DefinitionSource>();
        foreach (var item in items)
        {
            if (!seen.TryAdd(key(item), source(item)))
            {
                findings.Add(source(item).Error(field, $"'{key(item)}' is already used by {seen[key(item)].Path}") with { Rule = UniqueNames });
            }
        }
    }

    private static void CheckObjectExamples(List<ContractValidationError> findings, SchemaObject schemaObject)
    {
        if (schemaObject.ExamplesPath.Length == 0)
        {
            return;
        }

        var declared = schemaObject.CustomProperties.First(p => p.Property == ContractReader.ExamplesProperty);
        if (declared.Value is not System.Text.Json.Nodes.JsonArray)
        {
            findings.Add(new ContractValidationError(
                declared.Source.LocationOf("value"), schemaObject.ExamplesPath, "the examples are a list of example events") { Rule = Examples });
            return;
        }

        var validator = ContractEventValidator.ForExamples(schemaObject);
        for (var i = 0; i < schemaObject.Examples.Count; i++)
        {
            var example = schemaObject.Examples[i];
            if (example.Value is not System.Text.Json.Nodes.JsonObject)
            {
                findings.Add(new ContractValidationError(example.Location, $"{schemaObject.ExamplesPath}[{i}]", "an example event is a mapping of fields") { Rule = Examples });
                continue;
            }

            foreach (var violation in validator.Validate(example.Value))
            {
                var field = violation.Field == "$" ? "" : $".{violation.Field}";
                findings.Add(new ContractValidationError(example.LocationOf(violation.Pointer), $"{schemaObject.ExamplesPath}[{i}]{field}", violation.Reason) { Rule = Examples });
            }
        }
    }

    private static void CheckPropertyExamples(List<ContractValidationError> findings, SchemaProperty property)
    {
        if (property.Examples.Count == 0)
        {
            return;
        }

        // Checked as a one-field event, so the reasons read exactly as they would for a real event.
        var validator = ContractEventValidator.ForExamples(
            new SchemaObject(property.Name, null, null, [property with { Required = false }], [], [], property.Source));
        for (var i = 0; i < property.Examples.Count; i++)
        {
            foreach (var violation in validator.Validate(new System.Text.Json.Nodes.JsonObject { [property.Name] = property.Examples[i]?.DeepClone() }))
            {
                findings.Add(new ContractValidationError(property.ExampleLocations[i], $"{property.Source.PathOf("examples")}[{i}]", violation.Reason) { Rule = Examples });
            }
        }
    }

    /// <summary>What the mesh needs of a property's type and options to derive JSON Schemas and check events.</summary>
    /// <returns>Whether the property's type and options are usable (its examples are only checked then).</returns>
    private static bool CheckLogicalType(List<ContractValidationError> findings, SchemaProperty property)
    {
        var before = findings.Count;
        if (!property.HasLogicalType)
        {
            findings.Add(property.Source.Error("logicalType", "is required") with { Rule = LogicalTypeRule });
            return false;
        }

        if (property.LogicalType == LogicalType.Array && property.Items is null)
        {
            findings.Add(property.Source.Error("items", "is required") with { Rule = LogicalTypeRule });
            return false;
        }

        if (property.LogicalType == LogicalType.Boolean && property.Options.AsWritten is { Count: > 0 })
        {
            findings.Add(property.Source.Error("logicalTypeOptions", "logicalType boolean takes no options") with { Rule = Options });
            return false;
        }

        var options = property.Options;
        if (options.Source is not { } source)
        {
            return true;
        }

        void Add(string rule, string field, string reason) => findings.Add(source.Error(field, reason) with { Rule = rule });
        var formats = property.LogicalType switch
        {
            LogicalType.String => StringFormats,
            LogicalType.Date => DateFormats,
            _ => null,
        };
        if (formats is not null && options.Format is { } format && !formats.Contains(format))
        {
            Add(LogicalTypeRule, "format", $"'{format}' is not one of {string.Join(", ", formats)}");
        }

        if (options.Pattern is { } pattern && !IsRegex(pattern))
        {
            Add(Options, "pattern", $"'{pattern}' is not a valid regular expression");
        }

        if (options.MinLength > options.MaxLength)
        {
            Add(Options, "minLength", $"{options.MinLength} is above maxLength {options.MaxLength}");
        }

        if (options.Minimum > options.Maximum)
        {
            Add(Options, "minimum", $"{options.Minimum} is above maximum {options.Maximum}");
        }

        if (options.MinItems > options.MaxItems)
        {
            Add(Options, "minItems", $"{options.MinItems} is above maxItems {options.MaxItems}");
        }

        return findings.Count == before;
    }

    internal static bool IsRegex(string pattern)
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

    private static void CheckIdentifier(List<ContractValidationError> findings, DefinitionSource source, string field, string value)
    {
        if (value.Length > 0 && !IdentifierPattern().IsMatch(value))
        {
            findings.Add(source.Error(field, $"'{value}' is not an identifier (lower-case letters, digits, '.', '-', '_', e.g. hr.employees)") with { Rule = Identifier });
        }
    }

    private static void CheckTopic(List<ContractValidationError> findings, IReadOnlyList<SchemaObject> eventTypes, SchemaObject schemaObject)
    {
        var topic = eventTypes.FirstOrDefault(o => o.PhysicalName is not null)?.PhysicalName;
        if (schemaObject.PhysicalType != ContractReader.TopicPhysicalType)
        {
            findings.Add(schemaObject.Source.Error(
                "physicalType",
                $"is {(schemaObject.PhysicalType is null ? "missing" : $"'{schemaObject.PhysicalType}'")}; an event type is published on a topic (physicalType: {ContractReader.TopicPhysicalType})") with { Rule = Topic });
        }
        else if (schemaObject.PhysicalName is null)
        {
            findings.Add(schemaObject.Source.Error("physicalName", "is required: it names the topic the events are published on") with { Rule = Topic });
        }
        else if (schemaObject.PhysicalName != topic)
        {
            findings.Add(schemaObject.Source.Error(
                "physicalName",
                $"'{schemaObject.PhysicalName}' is another topic than {eventTypes[0].Name}'s '{topic}'; a contract's event types share one topic") with { Rule = Topic });
        }
    }

    private static void CheckProperties(List<ContractValidationError> findings, IReadOnlyList<SchemaProperty> properties)
    {
        foreach (var property in properties)
        {
            CheckProperty(findings, property, item: false);
        }
    }

    private static void CheckProperty(List<ContractValidationError> findings, SchemaProperty property, bool item)
    {
        // An array's elements are described by the array.
        if (!item && string.IsNullOrWhiteSpace(property.Description))
        {
            findings.Add(property.Source.Error("description", $"property '{property.Name}' has no description; consumers need to know what it means") with { Rule = PropertyDescription });
        }

        // An array's elements take the array's classification when they state none.
        if (property.ClassificationName is { } written && ClassificationOf(written) is null)
        {
            findings.Add(property.Source.Error("classification", $"'{written}' is not one of public, internal, confidential, restricted") with { Rule = ClassificationRule });
        }
        else if (property.ClassificationName is null && !item)
        {
            findings.Add(property.Source.Error("classification", "is required: public, internal, confidential or restricted") with { Rule = ClassificationRule });
        }
        else if (property.IsPersonalData && property.Classification < Classification.Confidential)
        {
            findings.Add(property.Source.Error(
                "classification",
                $"is {property.Classification.ToString().ToLowerInvariant()} but the field is personal data (pii: true); personal data is confidential or restricted") with { Rule = PersonalData });
        }

        if (property.PrimaryKey && !property.Required)
        {
            findings.Add(property.Source.Error("primaryKey", "a primary key must also be required: true") with { Rule = PrimaryKey });
        }

        foreach (var custom in property.CustomProperties)
        {
            if (custom.Property != ContractReader.PersonalDataProperty && string.Equals(custom.Property, ContractReader.PersonalDataProperty, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(custom.Source.Error("property", $"'{custom.Property}' would not mark personal data; the custom property is '{ContractReader.PersonalDataProperty}', in lower case") with { Rule = PersonalData });
            }
            else if (custom.Property == ContractReader.PersonalDataProperty && custom.Text is not ("true" or "false"))
            {
                findings.Add(custom.Source.Error("value", $"'{custom.Text ?? custom.Value?.ToJsonString()}' is not true or false") with { Rule = PersonalData });
            }
        }

        Quality.QualityRuleGovernance.Check(findings, property.Quality, Quality.QualityLevel.Property);
        var before = findings.Count;
        var usable = CheckLogicalType(findings, property);
        CheckProperties(findings, property.Properties);
        CheckUnique(findings, property.Properties, p => p.Name, p => p.Source, "name");
        if (property.Items is { } items)
        {
            CheckProperty(findings, items, item: true);
        }

        if (usable && !findings.Skip(before).Any(f => f.Rule is LogicalTypeRule or Options or UniqueNames))
        {
            CheckPropertyExamples(findings, property);
        }
    }

    private static void CheckPromises(List<ContractValidationError> findings, DataContract contract)
    {
        foreach (var sla in contract.SlaProperties.Where(p => RequiredSlaProperties.Contains(p.Property)))
        {
            if (!decimal.TryParse(sla.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                findings.Add(sla.Source.Error("value", $"'{sla.Value}' is not a positive number") with { Rule = Promises });
            }

            if (sla.Unit is null)
            {
                findings.Add(sla.Source.Error("unit", $"is required for {sla.Property}") with { Rule = Promises });
            }
            else if (!ServiceLevelProperty.TimeUnits.ContainsKey(sla.Unit))
            {
                findings.Add(sla.Source.Error("unit", $"'{sla.Unit}' is not a time unit (ms, s, min, h, d, w, y)") with { Rule = Promises });
            }
        }

        foreach (var missing in RequiredSlaProperties.Where(r => contract.SlaProperty(r) is null))
        {
            findings.Add(contract.Source.Error("slaProperties", $"needs a '{missing}' entry (every contract states {string.Join(", ", RequiredSlaProperties)})") with { Rule = Promises });
        }
    }

    /// <summary>
    /// A SQL output port's contract: tables and views only (no event type), served through one PostgreSQL server, so it
    /// has neither a topic nor a query endpoint.
    /// </summary>
    public static bool ServesTables(DataContract contract) =>
        contract.EventTypes.Count == 0 && contract.StoredObjects.Count > 0
        && contract.Servers.Count(s => s.IsPostgres) == 1;

    private static void CheckServers(List<ContractValidationError> findings, DataContract contract)
    {
        if (ServesTables(contract))
        {
            return;
        }

        // The mesh serves every contract through one event topic and one query endpoint; other types are the contract's own business.
        foreach (var type in (ContractServerType[])[ContractServerType.Kafka, ContractServerType.Api])
        {
            var ofType = contract.Servers.Where(s => s.Type == type).ToList();
            var name = type.ToString().ToLowerInvariant();
            if (ofType.Count == 0)
            {
                findings.Add(contract.Source.Error(
                    "servers",
                    $"needs a server of type {name} ({(type == ContractServerType.Kafka ? "the topic its events are published on" : "the endpoint that answers queries")})") with { Rule = Servers });
            }

            foreach (var extra in ofType.Skip(1))
            {
                findings.Add(extra.Source.Error("type", $"a second {name} server; a contract is served through one {name} server (the first is {ofType[0].Server})") with { Rule = Servers });
            }
        }

        // The query endpoint is a path under the gateway (service discovery supplies the host) or a full http(s) URL.
        foreach (var server in contract.Servers.Where(s => s.Type == ContractServerType.Api && s.Location is { Length: > 0 } location && !location.StartsWith('/')
            && !(Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")))
        {
            findings.Add(server.Source.Error("location", $"'{server.Location}' is neither a path starting with '/' nor an http(s) URL") with { Rule = Servers });
        }

        foreach (var server in contract.Servers.Where(s => s.Type == ContractServerType.Kafka && s.Format is not (null or "json")))
        {
            findings.Add(server.Source.Error("format", $"'{server.Format}' is not one of json (the events are JSON CloudEvents)") with { Rule = Servers });
        }
    }

    /// <summary>The mesh's level written as <paramref name="name"/> (<c>public</c>, <c>internal</c>, <c>confidential</c>, <c>restricted</c>), or null.</summary>
    internal static Classification? ClassificationOf(string? name) =>
        Enum.GetValues<Classification>().Cast<Classification?>().FirstOrDefault(c => c.ToString()!.ToLowerInvariant() == name);

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*$")]
    private static partial Regex IdentifierPattern();
}
