using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DataMesh.Contracts.Export;

/// <summary>
/// Each schema object's JSON Schema (draft 2020-12) under <c>$defs</c>, named by the object, as
/// <see cref="ContractJsonSchema"/> derives it for publishing (fields the contract does not name are refused); the
/// document itself accepts an event of any of the objects.
/// </summary>
public sealed class JsonSchemaExporter : IContractExporter
{
    public string Format => "jsonschema";

    public string Summary => "one JSON Schema (draft 2020-12) document: each schema object under $defs, by name";

    public bool TakesSeveralContracts => false;

    public string Export(IReadOnlyList<DataContract> contracts)
    {
        var contract = contracts.Single();
        var definitions = new JsonObject();
        foreach (var schemaObject in contract.Schema)
        {
            definitions[schemaObject.Name] = ObjectSchema(contract, schemaObject.Name);
        }

        var document = new JsonObject
        {
            ["$schema"] = MetaSchemas.Draft202012Id.ToString(),
            ["title"] = $"{contract.Id} {contract.Version}",
            ["description"] = contract.Description.Purpose,
            ["$defs"] = definitions,
            ["anyOf"] = new JsonArray(contract.Schema.Select(o => (JsonNode)new JsonObject { ["$ref"] = $"#/$defs/{o.Name}" }).ToArray()),
        };
        return document.ToJsonString(Indented) + "\n";
    }

    /// <summary>One object's schema as JSON, without its own <c>$schema</c> (the document names the dialect once).</summary>
    internal static JsonObject ObjectSchema(DataContract contract, string schemaObjectName)
    {
        var schema = JsonNode.Parse(ContractJsonSchema.For(contract, schemaObjectName).Root.Source.GetRawText())!.AsObject();
        schema.Remove("$schema");
        return schema;
    }

    // Files for people and tools, not HTML: apostrophes and non-ASCII letters are written as they are.
    internal static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
