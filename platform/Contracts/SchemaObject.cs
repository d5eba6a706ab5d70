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
    /// <summary>The ODCS <c>physicalName</c>: for an event type, the topic it is published on.</summary>
    public string? PhysicalName { get; init; }

    /// <summary>The ODCS <c>physicalType</c>: <c>topic</c> for an event type.</summary>
    public string? PhysicalType { get; init; }

    /// <summary>The object's <c>customProperties</c> with a text value (the examples are in <see cref="Examples"/>).</summary>
    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];
}
