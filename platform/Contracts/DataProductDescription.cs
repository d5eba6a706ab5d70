using System.Text.Json.Nodes;

namespace DataMesh.Contracts;

/// <summary>
/// The <c>description</c> block shared by ODPS and ODCS: what the data is for, how to use it, and what it cannot do.
/// A text not written reads as empty (the standards make each optional; governance asks for them).
/// </summary>
public sealed record DataProductDescription(string Purpose, string Usage, string Limitations)
{
    public IReadOnlyList<Model.AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    /// <summary>Fields ODCS lets a description have beyond its own (ODPS does not), kept as written, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> OtherFields { get; init; } = [];

    /// <summary>Where the block is written; null when it is not.</summary>
    public DefinitionSource? Source { get; init; }

    /// <summary>Whether the document has a <c>description</c> block at all.</summary>
    public bool IsWritten { get; init; } = true;
}
