namespace DataMesh.Catalog.Discovery;

/// <summary>One page of search results, best first, and how many match in all.</summary>
public sealed record ProductPage(int Total, int Page, int PageSize, IReadOnlyList<ProductSummary> Items);
