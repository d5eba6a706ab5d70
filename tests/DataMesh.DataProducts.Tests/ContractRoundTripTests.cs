using System.Globalization;
using System.Text.Json.Nodes;
using DataMesh.Contracts;
using DataMesh.Contracts.Writing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// A document read and written back says the same thing: the written YAML holds the same data as the original
/// (every section, every logical type, every server type), and reading it again gives the same model.
/// </summary>
public sealed class ContractRoundTripTests
{
    [Theory]
    [InlineData("rich.odcs.yaml")]
    [InlineData("every-server.odcs.yaml")]
    [InlineData("postgres-server.odcs.yaml")]
    [InlineData("v302.odcs.yaml")]
    [InlineData("examples-property.odcs.yaml")]
    [InlineData("valid-values.odcs.yaml")]
    [InlineData("items-optional.odcs.yaml")]
    [InlineData("quality-argument.odcs.yaml")]
    [InlineData("quality-bounds.odcs.yaml")]
    [InlineData("quality-cron.odcs.yaml")]
    public void A_contract_written_back_holds_the_same_data(string name)
    {
        var original = StandardConformanceTests.Documents[name];
        var contract = DataProductCatalogueLoader.ReadContract(name, original);

        var written = ContractWriter.Write(contract);
        var reread = DataProductCatalogueLoader.ReadContract(name, written);

        Assert.Equal(Data(original), Data(written));
        Assert.Equal(written, ContractWriter.Write(reread));
        Assert.Equal(contract.Schema.SelectMany(o => o.Properties).Select(Typed), reread.Schema.SelectMany(o => o.Properties).Select(Typed));
        Assert.Equal(contract.Servers.Select(s => (s.Type, s.Host, s.Port, s.Database, s.Schema, s.Location, s.Format)), reread.Servers.Select(s => (s.Type, s.Host, s.Port, s.Database, s.Schema, s.Location, s.Format)));
    }

    [Theory]
    [InlineData("rich.odps.yaml")]
    [InlineData("port-upstream.odps.yaml")]
    public void A_descriptor_written_back_holds_the_same_data(string name)
    {
        var original = StandardConformanceTests.Documents[name];
        var descriptor = DataProductCatalogueLoader.ReadDescriptor(name, original);

        var written = DescriptorWriter.Write(descriptor);
        var reread = DataProductCatalogueLoader.ReadDescriptor(name, written);

        Assert.Equal(Data(original), Data(written));
        Assert.Equal(written, DescriptorWriter.Write(reread));
        Assert.Equal(descriptor.InputPorts.Select(p => (p.DataProductId, p.ContractId, p.Version)), reread.InputPorts.Select(p => (p.DataProductId, p.ContractId, p.Version)));
    }

    /// <summary>An array's items may be null (required: false): read so, and written back so, not as required.</summary>
    [Fact]
    public void Items_that_are_not_required_stay_not_required()
    {
        var contract = DataProductCatalogueLoader.ReadContract("items-optional.odcs.yaml", StandardConformanceTests.Documents["items-optional.odcs.yaml"]);
        var tags = contract.Schema[0].Properties[0];
        var codes = contract.Schema[0].Properties[1];

        Assert.Equal((false, true), (tags.Items!.Required, codes.Items!.Required));
        Assert.Contains("required: false", ContractWriter.Write(contract), StringComparison.Ordinal);
    }

    /// <summary>What the mesh reads of a property, comparable by value (lists as text; where each was written left out).</summary>
    private static object Typed(SchemaProperty property) =>
        (property.Name, property.LogicalType, property.HasLogicalType, property.Required, property.Classification,
            property.Options with { AsWritten = null, Source = null, Enum = null, RequiredProperties = null },
            string.Join(",", property.Options.Enum ?? []), string.Join(",", property.Options.RequiredProperties ?? []));

    /// <summary>The document's data as JSON, compact and with object fields in name order, so two documents compare by what they say.</summary>
    private static string Data(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Json(stream.Documents[0].RootNode)!.ToJsonString();
    }

    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children
            .OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal)
            .Select(c => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Json).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException("aliases are not used in these documents"),
    };
}
