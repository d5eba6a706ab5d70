using System.Text.Json;
using DataMesh.Testing;

namespace DataMesh.Templates.Tests;

/// <summary>
/// The template keeps a copy of each upstream product it offers to consume, as a consuming domain does; a copy
/// that drifted from the producing domain's file would fork domains against a contract nobody publishes.
/// </summary>
public sealed class UpstreamCopyTests
{
    private static readonly string Template = Path.Combine(RepositoryLayout.Root, "templates", "datamesh-domain");

    private static readonly string Upstream = Path.Combine(Template, "domains", "domain1", "Domain1", "DataProducts", "upstream");

    public static TheoryData<string> UpstreamChoices() => [.. OfferedUpstreams()];

    [Theory]
    [MemberData(nameof(UpstreamChoices))]
    public void Each_upstream_choice_has_the_producing_domains_descriptor_and_contract_unchanged(string dataProductId)
    {
        var (domain, product) = (dataProductId.Split('.')[0], dataProductId.Split('.')[1]);
        var producer = Assert.Single(Directory.GetDirectories(Path.Combine(RepositoryLayout.Root, "domains", domain)), folder => !folder.EndsWith(".Tests", StringComparison.Ordinal));

        foreach (var suffix in new[] { ".odps.yaml", ".odcs.yaml" })
        {
            var copy = Path.Combine(Upstream, domain, product + suffix);
            var original = Path.Combine(producer, "DataProducts", product + suffix);
            Assert.True(File.Exists(copy), $"The template has no copy of {original}.");
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), $"{copy} differs from {original}; copy it again.");
        }
    }

    [Fact]
    public void The_template_keeps_no_upstream_copy_that_no_choice_offers()
    {
        var offered = OfferedUpstreams().ToHashSet();

        var kept = Directory.GetFiles(Upstream, "*.yaml", SearchOption.AllDirectories)
            .Select(file => $"{Path.GetFileName(Path.GetDirectoryName(file))}.{Path.GetFileName(file).Split('.')[0]}");

        Assert.All(kept, copy => Assert.Contains(copy, offered));
    }

    /// <summary>The data product ids of the template's <c>--upstream</c> choices.</summary>
    private static IEnumerable<string> OfferedUpstreams()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Template, ".template.config", "template.json")));
        return config.RootElement.GetProperty("symbols").GetProperty("upstream").GetProperty("choices").EnumerateArray()
            .Select(choice => choice.GetProperty("choice").GetString()!)
            .Where(choice => choice != "none")
            .ToList();
    }
}
