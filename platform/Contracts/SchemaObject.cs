namespace DataMesh.Contracts;

/// <summary>
/// One entry of an ODCS <c>schema</c>: for us, one event type (always <c>logicalType: object</c>), published on
/// the topic named by <see cref="PhysicalName"/> (<c>physicalType: topic</c>).
/// <see cref="Examples"/> are whole example events; ODCS only has examples per property, and a consumer learns
/// more from a complete event, so they are written in the object's custom property <c>examples</c> (a list of
/// events) and checked against the object.
/// </summary>
public sealed record SchemaObject(
    string Name,
    string? BusinessName,
    string? Description,
    IReadOnlyList<SchemaProperty> Properties,
    IReadOnlyList<ExampleEvent> Examples,
    IReadOnlyList<string> Tags,
    DefinitionSource Source)
{
    /// <summary>The standard's stable <c>id</c> of the object, when one is written.</summary>
    public string? Id { get; init; }

    /// <summary>Whether <c>logicalType: object</c> is written (the standard makes it optional; it is the only value).</summary>
    public bool HasLogicalType { get; init; }

    /// <summary>What one row or event of the object stands for, e.g. "one row per order line".</summary>
    public string? DataGranularityDescription { get; init; }

    public IReadOnlyList<Model.AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    /// <summary>The object's foreign keys, each naming both ends.</summary>
    public IReadOnlyList<Model.Relationship> Relationships { get; init; } = [];

    /// <summary>The field path of the <c>examples</c> custom property's value, or empty when there is none.</summary>
    internal string ExamplesPath { get; init; } = "";

    /// <summary>
    /// The ODCS <c>physicalName</c>: for an event type (<see cref="PhysicalType"/> <c>topic</c>) the topic it is published on,
    /// for a <c>table</c> or <c>view</c> the relation its rows are in, where quality rules are measured.
    /// </summary>
    public string? PhysicalName { get; init; }

    /// <summary>The ODCS <c>physicalType</c>: <c>topic</c> for an event type, <c>table</c> or <c>view</c> for stored data.</summary>
    public string? PhysicalType { get; init; }

    /// <summary>The object's <c>customProperties</c>, every one as written (the <c>examples</c> one is also read into <see cref="Examples"/>).</summary>
    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    /// <summary>The object's ODCS <c>quality</c> rules (row count, duplicates across properties, SQL).</summary>
    public IReadOnlyList<Quality.QualityRule> Quality { get; init; } = [];

    /// <summary>
    /// Whether the object describes stored rows (<see cref="PhysicalType"/> <c>table</c> or <c>view</c>: what the quality
    /// rules measure) rather than an event type; such an object is never published, delivered or given a topic.
    /// </summary>
    public bool IsStoredData => PhysicalType is TablePhysicalType or ViewPhysicalType;

    /// <summary>
    /// The custom property naming the <c>api</c> server (its <c>server</c> name) whose answers' items are this object:
    /// <c>customProperties: [{property: servedBy, value: employee-api}]</c>. <c>datamesh test</c> checks the answers against it.
    /// </summary>
    public const string ServedByProperty = "servedBy";

    /// <summary>The api server whose answers' items this object describes (<see cref="ServedByProperty"/>), or null.</summary>
    public string? ServedBy => CustomProperties.FirstOrDefault(p => p.Property == ServedByProperty)?.Text;

    /// <summary>
    /// Whether the object only describes a query endpoint's answers (it names the server serving it and is neither stored
    /// data nor on a topic): such an object is not an event type.
    /// </summary>
    public bool IsQueryAnswer => ServedBy is not null && !IsStoredData && PhysicalType != ContractReader.TopicPhysicalType;

    public const string TablePhysicalType = "table";

    public const string ViewPhysicalType = "view";
}
