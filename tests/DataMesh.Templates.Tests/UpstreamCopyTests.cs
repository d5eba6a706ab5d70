using System.Text.Json;
using DataMesh.Contracts;
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
    public void Each_upstream_choice_has_the_producing_domains_descriptor_and_contracts_unchanged(string dataProductId)
    {
        var domain = dataProductId.Split('.')[0];
        var producer = Assert.Single(Directory.GetDirectories(Path.Combine(RepositoryLayout.Root, "domains", domain)), folder => !folder.EndsWith(".Tests", StringComparison.Ordinal));

        // The descriptor and every contract it offers (its events' and, for a SQL port, its tables'): the copy of the
        // descriptor names them all, so all of them must be there for the copy to load.
        var originals = Directory.GetFiles(Path.Combine(producer, "DataProducts"), "*.yaml").Where(file => ProductOf(file) == dataProductId).ToList();
        Assert.Contains(originals, file => file.EndsWith(".odps.yaml", StringComparison.Ordinal));
        foreach (var original in originals)
        {
            var copy = Path.Combine(Upstream, domain, Path.GetFileName(original));
            Assert.True(File.Exists(copy), $"The template has no copy of {original}.");
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), $"{copy} differs from {original}; copy it again.");
        }
    }

    [Fact]
    public void The_template_keeps_no_upstream_copy_that_no_choice_offers()
    {
        var offered = OfferedUpstreams().ToHashSet();

        var kept = Directory.GetFiles(Upstream, "*.yaml", SearchOption.AllDirectories).Select(ProductOf);

        Assert.All(kept, copy => Assert.Contains(copy, offered));
    }

    /// <summary>The data product a descriptor describes (its <c>id</c>) or a contract belongs to (its <c>dataProduct</c>).</summary>
    private static string ProductOf(string file) =>
        file.EndsWith(".odps.yaml", StringComparison.Ordinal)
            ? DataProductCatalogueLoader.LoadDescriptor(file, File.ReadAllText(file)).Id
            : DataProductCatalogueLoader.LoadContract(file, File.ReadAllText(file)).DataProduct;

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
