using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DataMesh.Tool.Tests;

/// <summary><c>datamesh export jsonschema</c>, evaluated by JsonSchema.Net against the contract's own examples.</summary>
public sealed class JsonSchemaExportTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Theory]
    [MemberData(nameof(Tool.SampleContractNames), MemberType = typeof(Tool))]
    public void Each_example_keeps_its_objects_exported_schema_and_a_wrong_value_breaks_it(string contractPath)
    {
        var file = folder.File("schema.json");
        var run = Tool.Run("export", "jsonschema", Tool.InRepository(contractPath), "-o", file);
        Assert.True(run.Exit == ExitCodes.Clean, run.Error);
        var document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var contract = SampleContract.Read(contractPath);

        Assert.Equal(contract.Schema.Select(o => o.Name), document["$defs"]!.AsObject().Select(d => d.Key));
        var whole = JsonSchema.FromText(document.ToJsonString());
        foreach (var (schemaObject, example) in SampleContract.Examples(contract))
        {
            var definition = document["$defs"]![schemaObject.Name]!.DeepClone().AsObject();
            definition["$schema"] = document["$schema"]!.GetValue<string>();
            var schema = JsonSchema.FromText(definition.ToJsonString());

            var result = schema.Evaluate(JsonSerializer.SerializeToElement(example), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{schemaObject.Name}: {JsonSerializer.Serialize(result)}");
            Assert.True(whole.Evaluate(JsonSerializer.SerializeToElement(example)).IsValid, schemaObject.Name);

            // The schema is not one that accepts anything: a field of another type, or one the contract does not name, is refused.
            var wrongType = example.DeepClone().AsObject();
            var first = wrongType.First().Key;
            wrongType[first] = new JsonArray();
            Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(wrongType)).IsValid, $"{schemaObject.Name}.{first} as an array");
            var unknown = example.DeepClone().AsObject();
            unknown["notInTheContract"] = 1;
            Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(unknown)).IsValid, $"{schemaObject.Name} with an unknown field");
        }
    }

    public void Dispose() => folder.Dispose();
}
