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

    /// <summary>The column the property is stored in, when it differs from <see cref="Name"/> (ODCS <c>physicalName</c>).</summary>
    public string? PhysicalName { get; init; }

    /// <summary>The column's type in the database behind the contract's server (ODCS <c>physicalType</c>), e.g. <c>character varying(100)</c> for PostgreSQL.</summary>
    public string? PhysicalType { get; init; }

    /// <summary>The property's ODCS <c>quality</c> rules (nulls, missing, invalid or duplicate values, SQL).</summary>
    public IReadOnlyList<Quality.QualityRule> Quality { get; init; } = [];
}
