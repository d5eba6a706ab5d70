using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// An event type of a contract: its fields, flattened with paths, and its example events as JSON (<see cref="ExampleJson"/>:
/// the catalog refuses to register an example longer than a file when written so, see <see cref="Governance.GovernanceRules"/>).
/// </summary>
[ReadFromDefinitions]
public sealed record EventTypeFacts(string Name, string? Description, IReadOnlyList<PropertyFacts> Properties, IReadOnlyList<string> Examples)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>An example event as the catalog shows it: indented JSON.</summary>
    public static string ExampleJson(JsonNode? example) => example?.ToJsonString(Indented) ?? "null";
}
