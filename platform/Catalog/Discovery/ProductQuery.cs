namespace DataMesh.Catalog.Discovery;

/// <summary>A search of the catalog: free text over names, descriptions, property names and tags, filters, and a page.</summary>
public sealed record ProductQuery(
    string? Text = null,
    string? Domain = null,
    string? Owner = null,
    string? Status = null,
    string? Classification = null,
    int Page = 1,
    int PageSize = ProductQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxTextLength = 200;

    /// <summary>The last page a search answers.</summary>
    public const int MaxPage = 10_000;

    /// <summary>The longest status or classification filter: longer than any of their names (<c>confidential</c>, <c>deprecated</c>).</summary>
    public const int MaxKeywordLength = 32;
}
