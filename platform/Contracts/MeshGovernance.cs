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

    /// <summary>The SLA entries every contract states, so consumers can alert on late or lost data and plan storage.</summary>
    public static readonly IReadOnlyList<string> RequiredSlaProperties = ["freshness", "latency", "retention"];

    /// <summary>The findings for one contract, in the order they are written.</summary>
    public static IReadOnlyList<ContractValidationError> Check(DataContract contract)
    {
        var findings = new List<ContractValidationError>();
        void Add(string rule, DefinitionSource source, string field, string reason) => findings.Add(source.Error(field, reason) with { Rule = rule });

        CheckIdentifier(findings, contract.Source, "id", contract.Id);
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
        if (eventTypes.Count == 0)
        {
            Add(EventTypes, contract.Source, "schema", "needs at least one schema object: one per event type");
        }

        foreach (var schemaObject in contract.Schema)
        {
            if (!schemaObject.IsStoredData)
            {
                CheckTopic(findings, eventTypes, schemaObject);
            }

            CheckProperties(findings, schemaObject.Properties);
        }

        CheckPromises(findings, contract);
        CheckServers(findings, contract);
        return findings;
    }

    /// <summary>The findings for one descriptor, in the order they are written.</summary>
    public static IReadOnlyList<ContractValidationError> Check(DataProductDescriptor descriptor)
    {
        var findings = new List<ContractValidationError>();
        CheckIdentifier(findings, descriptor.Source, "id", descriptor.Id);
        CheckIdentifier(findings, descriptor.Source, "domain", descriptor.Domain);
        foreach (var port in descriptor.InputPorts)
        {
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
            if (port.ContractId.Length == 0)
            {
                findings.Add(port.Source.Error("contractId", "is required: an output port offers one version of one contract") with { Rule = Ownership });
            }

            CheckIdentifier(findings, port.Source, "contractId", port.ContractId);
        }

        return findings;
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

        CheckProperties(findings, property.Properties);
        if (property.Items is { } items)
        {
            CheckProperty(findings, items, item: true);
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

    private static void CheckServers(List<ContractValidationError> findings, DataContract contract)
    {
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
