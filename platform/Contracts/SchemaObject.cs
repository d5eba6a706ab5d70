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
    DefinitionSource Source);
