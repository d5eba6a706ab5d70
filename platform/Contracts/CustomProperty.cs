using System.Text.Json.Nodes;

namespace DataMesh.Contracts;

/// <summary>
/// An ODCS/ODPS <c>customProperties</c> entry. Its value is any JSON value (text, a number, a list, a mapping), kept
/// as written; <see cref="Text"/> reads a scalar one as text.
/// </summary>
public sealed record CustomProperty(string Property, JsonNode? Value, DefinitionSource Source)
{
    /// <summary>The standard's stable <c>id</c> of the entry, when one is written.</summary>
    public string? Id { get; init; }

    public string? Description { get; init; }

    /// <summary>The value as text when it is a scalar (<c>true</c>, <c>5</c>, <c>EUR</c>), else null.</summary>
    public string? Text => Value switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
