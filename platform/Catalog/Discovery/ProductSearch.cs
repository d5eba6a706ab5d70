using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// PostgreSQL full-text search over the listed products (the generated, weighted <c>SearchVector</c> and its
/// GIN index), ranked by cover density, filtered and paged in the database.
/// </summary>
public sealed class ProductSearch(CatalogDbContext db, PromiseObserver observer)
{
    public async Task<ProductPage> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var products = db.DataProducts.AsNoTracking();
        if (query.Domain is { Length: > 0 } domain)
        {
            products = products.Where(p => p.Domain == domain);
        }

        if (query.Owner is { Length: > 0 } owner)
        {
            products = products.Where(p => p.Owner == owner);
        }

        if (query.Status is { Length: > 0 } status)
        {
            products = products.Where(p => p.Status == status);
        }

        if (query.Classification is { Length: > 0 } classification)
        {
            products = products.Where(p => p.Classifications.Contains(classification));
        }

        var total = 0;
        List<(DataProductRecord Product, double Rank)> page;
        var skip = (query.Page - 1) * query.PageSize;
        if (query.Text is { Length: > 0 } text)
        {
            var matching = products
                .Select(p => new { Product = p, Query = EF.Functions.WebSearchToTsQuery(CatalogDbContext.SearchConfiguration, text) })
                .Where(p => p.Product.SearchVector.Matches(p.Query))
                .Select(p => new { p.Product, Rank = p.Product.SearchVector.RankCoverDensity(p.Query) });
            total = await matching.CountAsync(cancellationToken);
            page = (await matching.OrderByDescending(p => p.Rank).ThenBy(p => p.Product.Id).Skip(skip).Take(query.PageSize).ToListAsync(cancellationToken))
                .Select(p => (p.Product, (double)p.Rank)).ToList();
        }
        else
        {
            total = await products.CountAsync(cancellationToken);
            page = (await products.OrderBy(p => p.Id).Skip(skip).Take(query.PageSize).ToListAsync(cancellationToken)).Select(p => (p, 0d)).ToList();
        }

        var observed = await observer.ObserveAsync(page.Select(p => (p.Product.Id, p.Product.Freshness)).ToList(), cancellationToken);
        return new ProductPage(total, query.Page, query.PageSize, page.Select(p => new ProductSummary(
            p.Product.Id, p.Product.Name, p.Product.Domain, p.Product.Owner, p.Product.Status, p.Product.Version, p.Product.Purpose,
            p.Product.Tags, p.Product.Classifications, p.Rank, observed[p.Product.Id])).ToList());
    }
}
