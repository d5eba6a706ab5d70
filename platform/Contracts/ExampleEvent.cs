using System.Text.Json.Nodes;

namespace DataMesh.Contracts;

/// <summary>
/// An example event written in a contract, as JSON, with the location of each of its fields (keyed by JSON
/// pointer) so that an example that breaks the contract is reported at the right line.
/// </summary>
public sealed class ExampleEvent
{
    private readonly IReadOnlyDictionary<string, SourceLocation> locations;

    internal ExampleEvent(JsonNode? value, SourceLocation location, IReadOnlyDictionary<string, SourceLocation> locations)
    {
        Value = value;
        Location = location;
        this.locations = locations;
    }

    /// <summary>The event as JSON.</summary>
    public JsonNode? Value { get; }

    /// <summary>Where the example starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>Where the value at <paramref name="pointer"/> is written, or its nearest written parent.</summary>
    internal SourceLocation LocationOf(string pointer)
    {
        for (var p = pointer; p.Length > 0; p = p[..p.LastIndexOf('/')])
        {
            if (locations.TryGetValue(p, out var location))
            {
                return location;
            }
        }

        return Location;
    }
}
