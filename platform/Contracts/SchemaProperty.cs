using System.Text.Json.Nodes;

namespace DataMesh.Contracts;

/// <summary>
/// A field of an event, with the ODCS v3 property names. <see cref="Required"/> means what ODCS says: the
/// field is present and not null. <see cref="Properties"/> are the fields of an <c>object</c>,
/// <see cref="Items"/> describes the elements of an <c>array</c>.
/// </summary>
/// <param name="IsPersonalData">
/// ODCS v3 has no personal-data flag. We read it from the custom property <c>pii</c> (<c>customProperties:
/// [{property: pii, value: true}]</c>) rather than from <c>tags</c>: custom properties are the standard's
/// place for typed, machine-read key/values, while tags are free labels where a misspelt tag would silently
/// turn the protection off.
/// </param>
public sealed record SchemaProperty(
    string Name,
    LogicalType LogicalType,
    LogicalTypeOptions Options,
    string? BusinessName,
    string? Description,
    bool Required,
    bool Unique,
    bool PrimaryKey,
    Classification Classification,
    bool IsPersonalData,
    bool CriticalDataElement,
    IReadOnlyList<SchemaProperty> Properties,
    SchemaProperty? Items,
    IReadOnlyList<JsonNode?> Examples,
    IReadOnlyList<string> Tags,
    IReadOnlyList<CustomProperty> CustomProperties,
    DefinitionSource Source)
{
    /// <summary>
    /// The <c>classification</c> as written (free text in ODCS), or null when none is. <see cref="Classification"/>
    /// is the mesh's level: the written one, the array's for an element that states none, otherwise restricted;
    /// <see cref="MeshGovernance"/> refuses a property whose classification is missing or not one of the four.
    /// </summary>
    public string? ClassificationName { get; init; }

    /// <summary>The standard's stable <c>id</c> of the property, when one is written.</summary>
    public string? Id { get; init; }

    /// <summary>Whether this describes the elements of an array (its <c>items</c>) rather than a named property.</summary>
    public bool IsItem { get; init; }

    /// <summary>
    /// Whether the property states its <c>logicalType</c>. The standard makes it optional; without it
    /// <see cref="LogicalType"/> reads as string and governance rule <see cref="MeshGovernance.LogicalTypeRule"/> asks for it.
    /// </summary>
    public bool HasLogicalType { get; init; } = true;

    /// <summary>The column's type in the database behind the contract's server (ODCS <c>physicalType</c>), e.g. <c>character varying(100)</c> for PostgreSQL.</summary>
    public string? PhysicalType { get; init; }

    public int? PrimaryKeyPosition { get; init; }

    public bool? Partitioned { get; init; }

    public int? PartitionKeyPosition { get; init; }

    public string? EncryptedName { get; init; }

    public IReadOnlyList<string> TransformSourceObjects { get; init; } = [];

    public string? TransformLogic { get; init; }

    public string? TransformDescription { get; init; }

    public IReadOnlyList<Model.AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    /// <summary>The property's foreign keys, each naming the other end.</summary>
    public IReadOnlyList<Model.Relationship> Relationships { get; init; } = [];

    /// <summary>Which of the flags <c>required</c>, <c>unique</c>, <c>primaryKey</c>, <c>criticalDataElement</c> are written, so one written <c>false</c> is written back (and <c>name</c>, for an array's items).</summary>
    public IReadOnlySet<string> Written { get; init; } = new HashSet<string>();

    /// <summary>Where each of <see cref="Examples"/> is written.</summary>
    internal IReadOnlyList<SourceLocation> ExampleLocations { get; init; } = [];

    /// <summary>The column the property is stored in, when it differs from <see cref="Name"/> (ODCS <c>physicalName</c>).</summary>
    public string? PhysicalName { get; init; }

    /// <summary>The property's ODCS <c>quality</c> rules (nulls, missing, invalid or duplicate values, SQL).</summary>
    public IReadOnlyList<Quality.QualityRule> Quality { get; init; } = [];
}
