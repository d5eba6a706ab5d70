using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Api;

/// <summary>
/// <c>PUT /api/catalog/v1/parked-events</c>: a domain service's report of the events its outbox relay parked
/// (see ParkedEventsReport in DataProducts), shown on each product's page and in its facts.
/// </summary>
public static class ParkedEventsEndpoints
{
    /// <summary>The most products one report may name: a domain owns a handful.</summary>
    public const int MaxProducts = 100;

    public static RouteGroupBuilder MapParkedEvents(this RouteGroupBuilder api)
    {
        api.MapPut("/parked-events", ReportAsync)
            .WithName("report-parked-events")
            .WithSummary("Replaces what the catalog knows of a domain's parked outbox events, product by product.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ExcludeFromDescription(); // for the mesh's own services, not a public operation
        return api;
    }

    /// <summary>Only a domain's service, by its credential, reports, and only for products registered under its domain.</summary>
    private static async Task<IResult> ReportAsync(ParkedEventsReportRequest? request, HttpContext http, CatalogDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var service = MeshServiceFilter.Identify(http);
        if (http.Request.Headers.ContainsKey(MeshHeaders.Consumer))
        {
            throw CatalogRefusal.Forbidden(MeshHeaders.Consumer, "a domain's service reports for itself, not for a consumer through it");
        }

        if (request?.Domain is not { Length: > 0 } domain)
        {
            throw CatalogRefusal.Invalid("domain", "is required");
        }

        if (domain != service)
        {
            throw CatalogRefusal.Forbidden("domain", $"the {service} service reports its own domain's parked events, not domain '{domain}'");
        }

        if (request.Products is not { Count: <= MaxProducts } products)
        {
            throw CatalogRefusal.Invalid("products", $"is required, with at most {MaxProducts} entries");
        }

        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i];
            CatalogRefusal.ThrowIfBlank($"products[{i}].dataProductId", product?.DataProductId, DataProductRecord.MaxIdLength);
            if (product!.Count < 0)
            {
                throw CatalogRefusal.Invalid($"products[{i}].count", "must not be negative");
            }

            CatalogRefusal.ThrowIfLonger($"products[{i}].oldestReason", product.OldestReason, ParkedEventsRecord.MaxReasonLength);
        }

        var ids = products.Select(p => p.DataProductId).Distinct().ToList();
        var owned = await db.DataProducts.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Domain, cancellationToken);
        for (var i = 0; i < products.Count; i++)
        {
            if (owned.TryGetValue(products[i].DataProductId, out var owner) && owner != domain)
            {
                throw CatalogRefusal.Forbidden($"products[{i}].dataProductId", $"data product '{products[i].DataProductId}' belongs to domain '{owner}', not '{domain}'");
            }
        }

        // Products not registered (yet) are skipped: the domain reports again when its picture changes.
        var known = await db.ParkedEvents.Where(p => ids.Contains(p.DataProductId)).ToDictionaryAsync(p => p.DataProductId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var product in products.Where(p => owned.ContainsKey(p.DataProductId)))
        {
            if (!known.TryGetValue(product.DataProductId, out var record))
            {
                record = new ParkedEventsRecord { DataProductId = product.DataProductId };
                db.ParkedEvents.Add(record);
                known[product.DataProductId] = record;
            }

            record.Count = product.Count;
            record.OldestParkedAt = product.Count > 0 ? product.OldestParkedAt : null;
            record.OldestReason = product.Count > 0 ? product.OldestReason : null;
            record.ReportedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
