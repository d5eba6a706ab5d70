using DataMesh.Catalog.Discovery;

namespace DataMesh.Bench.CatalogSearch;

/// <summary>The searches measured, in a fixed order: single words, two words, text with filters, and filters alone.</summary>
internal static class SearchMix
{
    /// <summary>The kinds of search, in the order they repeat: search <c>i</c> is of kind <c>i % Kinds.Length</c>.</summary>
    public static readonly string[] Kinds =
    [
        "one word", "two words", "one word, domain filter", "one word, classification filter, page 1-3", "domain and status filters, no text",
    ];

    public static IReadOnlyList<ProductQuery> Queries(int count, int domains)
    {
        var words = SyntheticProducts.Vocabulary;
        var classifications = new[] { "public", "internal", "confidential", "restricted" };
        return Enumerable.Range(0, count).Select(i => (i % Kinds.Length) switch
        {
            0 => new ProductQuery(words[i % words.Length]),
            1 => new ProductQuery($"{words[i % words.Length]} {words[(i * 3) % words.Length]}"),
            2 => new ProductQuery(words[i % words.Length], Domain: SyntheticProducts.Domain(i, domains)),
            3 => new ProductQuery(words[i % words.Length], Classification: classifications[i % 4], Page: 1 + (i % 3)),
            _ => new ProductQuery(Domain: SyntheticProducts.Domain(i, domains), Status: "active"),
        }).ToList();
    }
}
