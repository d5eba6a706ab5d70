using System.Text.Json.Nodes;

namespace DataMesh.Tool.Tests;

/// <summary><c>datamesh export asyncapi</c>, validated by the AsyncAPI parser, for each contract and each domain's output ports.</summary>
public sealed class AsyncApiExportTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Theory]
    [MemberData(nameof(Tool.SampleEventContractNames), MemberType = typeof(Tool))]
    public async Task A_contract_is_a_valid_AsyncAPI_document_of_its_topic_messages_and_server(string contractPath)
    {
        var file = Export(Tool.InRepository(contractPath));
        var contract = SampleContract.Read(contractPath);

        await AssertNoErrorsAsync(file);
        var document = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal("3.0.0", document["asyncapi"]!.GetValue<string>());
        var channel = document["channels"]![contract.EventServer!.Topic!]!;
        Assert.Equal(contract.EventServer!.Topic, channel["address"]!.GetValue<string>());
        Assert.Equal(contract.EventTypes.Select(o => o.Name), channel["messages"]!.AsObject().Select(m => m.Key));
        Assert.Equal("kafka", document["servers"]![contract.EventServer!.Server]!["protocol"]!.GetValue<string>());
        foreach (var schemaObject in contract.EventTypes)
        {
            var payload = document["components"]!["messages"]![schemaObject.Name]!["payload"]!;
            Assert.Equal(schemaObject.Properties.Select(p => p.Name), payload["properties"]!.AsObject().Select(p => p.Key));
        }
    }

    [Theory]
    [MemberData(nameof(DomainNames))]
    public async Task A_domains_output_ports_are_one_valid_document(string domain)
    {
        var domainFolder = Tool.DomainFolders.Single(f => f.Contains($"/domains/{domain}/", StringComparison.Ordinal));
        var file = Export(domainFolder);

        await AssertNoErrorsAsync(file);
        var document = JsonNode.Parse(File.ReadAllText(file))!;
        var ownContracts = Directory.GetFiles(domainFolder, "*.odcs.yaml").Select(f => SampleContract.Read(Path.GetRelativePath(Tool.InRepository(""), f))).ToList();
        Assert.Equal(
            ownContracts.Where(c => c.EventTypes.Count > 0).Select(c => c.EventServer!.Topic).Order(StringComparer.Ordinal),
            document["channels"]!.AsObject().Select(c => c.Value!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    /// <summary>A SQL port's contract (tables and views, no topic) has nothing AsyncAPI describes: said so, with exit 2, and no document.</summary>
    [Fact]
    public void A_contract_without_events_is_not_exported_as_an_empty_document()
    {
        var tables = Tool.SampleContracts.Except(Tool.SampleEventContracts).ToList();
        Assert.NotEmpty(tables);
        foreach (var contract in tables)
        {
            var file = folder.File($"{Guid.NewGuid():N}.asyncapi.json");

            var run = Tool.Run("export", "asyncapi", contract, "-o", file);

            Assert.Equal(ExitCodes.Unusable, run.Exit);
            Assert.Contains($"{contract}: nothing to export as asyncapi: no events to describe", run.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(file));
        }
    }

    /// <summary>A domain's folder: its contracts without events are skipped, each with a note; the others make the document.</summary>
    [Theory]
    [MemberData(nameof(DomainNames))]
    public void A_domains_contracts_without_events_are_skipped_with_a_note(string domain)
    {
        var domainFolder = Tool.DomainFolders.Single(f => f.Contains($"/domains/{domain}/", StringComparison.Ordinal));
        var tables = Directory.GetFiles(domainFolder, "*.odcs.yaml").Except(Tool.SampleEventContracts).ToList();
        Assert.NotEmpty(tables);

        var run = Tool.Run("export", "asyncapi", domainFolder, "-o", folder.File($"{domain}.asyncapi.json"));

        Assert.True(run.Exit == ExitCodes.Clean, run.Error);
        Assert.All(tables, t => Assert.Matches($@"(?m)^Skipped \S*{System.Text.RegularExpressions.Regex.Escape(Path.GetFileName(t))} \(.+\): no events to describe", run.Error));
    }

    [Fact]
    public async Task The_parser_reports_an_error_when_the_document_is_broken()
    {
        var file = Export(Tool.SampleEventContracts[0]);
        var document = JsonNode.Parse(File.ReadAllText(file))!;
        foreach (var server in document["servers"]!.AsObject())
        {
            server.Value!.AsObject().Remove("protocol");
        }

        File.WriteAllText(file, document.ToJsonString());

        Assert.Contains(await AsyncApiParser.ValidateAsync(file), d => d.Severity == "error");
    }

    public static TheoryData<string> DomainNames() => new(Tool.DomainFolders.Select(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!));

    public void Dispose() => folder.Dispose();

    private string Export(string source)
    {
        var file = folder.File($"{Guid.NewGuid():N}.asyncapi.json");
        var run = Tool.Run("export", "asyncapi", source, "-o", file);
        Assert.True(run.Exit == ExitCodes.Clean, run.Error);
        return file;
    }

    private static async Task AssertNoErrorsAsync(string file)
    {
        var errors = (await AsyncApiParser.ValidateAsync(file)).Where(d => d.Severity == "error").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
