using Semver;

namespace DataMesh.Contracts;

/// <summary>A data contract as an ODCS v3.1.0 or v3.0.x <c>*.odcs.yaml</c> file states it, every section of the standard included.</summary>
public sealed record DataContract(
    string ApiVersion,
    string Id,
    string? Name,
    SemVersion Version,
    DataProductStatus Status,
    string Domain,
    string DataProduct,
    DataProductDescription Description,
    Team? Team,
    IReadOnlyList<SchemaObject> Schema,
    IReadOnlyList<ServiceLevelProperty> SlaProperties,
    IReadOnlyList<ContractServer> Servers,
    IReadOnlyList<string> Tags,
    DefinitionSource Source)
{
    /// <summary>The <c>version</c> as written; <see cref="Version"/> is it as semver (0.0.0 when it is not, which governance refuses).</summary>
    public string VersionText { get; init; } = "";

    /// <summary>The <c>status</c> as written; <see cref="Status"/> is it as the mesh knows it (proposed when unknown, which governance refuses).</summary>
    public string StatusText { get; init; } = "";

    public string? Tenant { get; init; }

    public IReadOnlyList<Model.SupportChannel> Support { get; init; } = [];

    public Model.Price? Price { get; init; }

    /// <summary>The IAM roles that give access to the data.</summary>
    public IReadOnlyList<Model.Role> Roles { get; init; } = [];

    /// <summary>The element SLA properties apply to by default (deprecated in v3.1.0, still read).</summary>
    public string? SlaDefaultElement { get; init; }

    public IReadOnlyList<Model.AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    /// <summary>When the contract was created, as written (a date-time).</summary>
    public string? ContractCreatedTs { get; init; }

    /// <summary>The schema object (event type) called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The contract has no such object.</exception>
    public SchemaObject SchemaObject(string name) =>
        Schema.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"Contract {Id} {Version} has no schema object '{name}' (it has {string.Join(", ", Schema.Select(o => o.Name))}).");

    /// <summary>The schema objects that are event types: every object but those describing stored rows (<see cref="SchemaObject.IsStoredData"/>).</summary>
    /// <remarks>An object describing only a query endpoint's answers (<see cref="SchemaObject.IsQueryAnswer"/>) is not an event type either.</remarks>
    public IReadOnlyList<SchemaObject> EventTypes => Schema.Where(o => !o.IsStoredData && !o.IsQueryAnswer).ToList();

    /// <summary>The schema objects that describe stored rows, tables or views (<see cref="SchemaObject.IsStoredData"/>).</summary>
    public IReadOnlyList<SchemaObject> StoredObjects => Schema.Where(o => o.IsStoredData).ToList();

    /// <summary>The SLA entry called <paramref name="property"/>, e.g. <c>freshness</c>, if the contract states one.</summary>
    public ServiceLevelProperty? SlaProperty(string property) => SlaProperties.FirstOrDefault(p => p.Property == property);

    /// <summary>The Dapr pub/sub topic the contract's events are published on; none for a SQL output port's contract (tables and views only).</summary>
    public ContractServer? EventServer => Servers.FirstOrDefault(s => s.Type == ContractServerType.Kafka);

    /// <summary>The PostgreSQL server of a SQL output port's contract, the first when it names several; none for an event contract.</summary>
    public ContractServer? SqlServer => Servers.FirstOrDefault(s => s.IsPostgres);

    /// <summary>The HTTP endpoint that answers queries on the contract's data; none for a SQL output port's contract.</summary>
    public ContractServer? QueryServer => Servers.FirstOrDefault(s => s.Type == ContractServerType.Api);
}
