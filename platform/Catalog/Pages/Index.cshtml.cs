using DataMesh.Catalog.Access;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace DataMesh.Catalog.Pages;

public sealed class IndexModel(ProductSearch search, NpgsqlDataSource dataSource) : PageModel
{
    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<DataProductStatus>().Select(s => s.ToLowerInvariant()).ToList();

    public static IReadOnlyList<string> Classifications { get; } = Enum.GetNames<Classification>().Select(s => s.ToLowerInvariant()).ToList();

    public ProductQuery Query { get; private set; } = new();

    public ProductPage Results { get; private set; } = new(0, 1, ProductQuery.DefaultPageSize, []);

    public int PageCount => Math.Max(1, (Results.Total + Query.PageSize - 1) / Query.PageSize);

    public string Database { get; private set; } = "";

    public async Task OnGetAsync(string? q, string? domain, string? owner, string? status, string? classification, int page = 1, CancellationToken cancellationToken = default)
    {
        Query = new ProductQuery(Clip(q, ProductQuery.MaxTextLength), Clip(domain, DataProductRecord.MaxDomainLength), Clip(owner, TeamDirectory.MaxNameLength), Clip(status, ProductQuery.MaxKeywordLength), Clip(classification, ProductQuery.MaxKeywordLength), Math.Clamp(page, 1, ProductQuery.MaxPage));
        Results = await search.SearchAsync(Query, cancellationToken);
        await using var command = dataSource.CreateCommand("select current_database()");
        Database = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/", new Dictionary<string, string?>
    {
        ["q"] = Query.Text, ["domain"] = Query.Domain, ["owner"] = Query.Owner, ["status"] = Query.Status, ["classification"] = Query.Classification, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private static string? Clip(string? value, int length) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, length)];
}
