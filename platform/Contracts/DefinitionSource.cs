namespace DataMesh.Contracts;

/// <summary>
/// Where an element of a descriptor or contract was written: its field path and the location of each of
/// its fields. Kept on the model so that checks across files can still point at the offending line.
/// </summary>
public sealed class DefinitionSource
{
    private readonly IReadOnlyDictionary<string, SourceLocation> fieldLocations;

    internal DefinitionSource(string path, SourceLocation location, IReadOnlyDictionary<string, SourceLocation> fieldLocations)
    {
        Path = path;
        Location = location;
        this.fieldLocations = fieldLocations;
    }

    /// <summary>The field path of the element, e.g. <c>outputPorts[0]</c>; empty for a whole file.</summary>
    public string Path { get; }

    /// <summary>Where the element starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>Where <paramref name="field"/> is written, or where the element starts when it is absent.</summary>
    public SourceLocation LocationOf(string field) => fieldLocations.GetValueOrDefault(field, Location);

    /// <summary>Whether <paramref name="field"/> is written in the element (an empty list included).</summary>
    internal bool Has(string field) => fieldLocations.ContainsKey(field);

    /// <summary>The field path of one of the element's fields, e.g. <c>outputPorts[0].contractId</c>.</summary>
    public string PathOf(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    /// <summary>The same element with <paramref name="field"/> located at <paramref name="location"/>: for a value the mesh reads from a nested entry.</summary>
    internal DefinitionSource With(string field, SourceLocation location) =>
        new(Path, Location, new Dictionary<string, SourceLocation>(fieldLocations) { [field] = location });

    /// <summary>A problem with one of the element's fields, located where that field is written.</summary>
    public ContractValidationError Error(string field, string reason) => new(LocationOf(field), PathOf(field), reason);
}
