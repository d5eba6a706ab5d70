namespace DataMesh.Contracts;

/// <summary>
/// One entry of an ODCS <c>schema</c>: for us, one event type (always <c>logicalType: object</c>).
/// <see cref="Examples"/> are whole example events; ODCS v3.0.x only has examples per property, and a
/// consumer learns more from a complete event, so we accept them on the object too and check them.
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
    /// <summary>Where the object's data lives, e.g. the table its rows are in (ODCS <c>physicalName</c>); quality rules are measured there.</summary>
    public string? PhysicalName { get; init; }

    /// <summary>What <see cref="PhysicalName"/> is, e.g. <c>table</c> or <c>view</c> (ODCS <c>physicalType</c>).</summary>
    public string? PhysicalType { get; init; }

    /// <summary>The object's ODCS <c>quality</c> rules (row count, duplicates across properties, SQL).</summary>
    public IReadOnlyList<Quality.QualityRule> Quality { get; init; } = [];
}
