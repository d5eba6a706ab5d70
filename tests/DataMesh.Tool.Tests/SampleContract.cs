using DataMesh.Contracts;

namespace DataMesh.Tool.Tests;

/// <summary>A sample contract read by the contract library, for the tests that check an export against it.</summary>
internal static class SampleContract
{
    public static DataContract Read(string relativePath) =>
        DataProductCatalogueLoader.LoadContract(relativePath, File.ReadAllText(Tool.InRepository(relativePath)));

    /// <summary>Every example event of the contract with the object it belongs to; never empty, or the test proves nothing.</summary>
    public static IReadOnlyList<(SchemaObject Object, System.Text.Json.Nodes.JsonNode Example)> Examples(DataContract contract)
    {
        var examples = contract.Schema.SelectMany(o => o.Examples.Select(e => (o, e.Value!))).ToList();
        Assert.NotEmpty(examples);
        return examples;
    }
}
