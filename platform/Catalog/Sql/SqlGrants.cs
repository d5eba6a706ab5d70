using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.SqlPorts;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// What the owning domain applies in its database for a product: each grant in force (approved, not revoked) whose consumer
/// has an active login, one per consumer (personal data when any of its grants covers it). Only the product's own domain
/// (its service credential) and administrators read it: it names who reads what.
/// </summary>
public sealed class SqlGrants(CatalogDbContext db)
{
    /// <summary>Whether <paramref name="caller"/> may read <paramref name="product"/>'s grants.</summary>
    public static bool MayBeReadBy(CatalogCaller caller, DataProductRecord product) =>
        caller.IsAdministrator || caller is ServiceCaller service && service.Service == product.Domain;

    public async Task<SqlGrantsAnswer> AnswerAsync(string dataProductId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        CatalogRefusal.ThrowIfBlank("id", dataProductId, DataProductRecord.MaxIdLength);
        var product = await db.DataProducts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == dataProductId, cancellationToken)
            ?? throw CatalogRefusal.NotFound("id", $"no data product '{dataProductId}'");
        caller.Must(MayBeReadBy(caller, product), "id", $"only the {product.Domain} service and administrators read the SQL grants of {product.Id}");
        var grants = await db.AccessRequests.AsNoTracking()
            .Where(r => r.DataProductId == dataProductId && r.Status == AccessStatus.Approved)
            .Join(db.SqlLogins.AsNoTracking().Where(l => l.State == SqlLoginState.Active), r => r.ConsumerId, l => l.ConsumerId, (r, l) => new { r.ConsumerId, l.Role, r.PersonalData })
            .GroupBy(g => new { g.ConsumerId, g.Role })
            .Select(g => new { g.Key.ConsumerId, g.Key.Role, PersonalData = g.Any(x => x.PersonalData) })
            .OrderBy(g => g.ConsumerId)
            .ToListAsync(cancellationToken);
        return new SqlGrantsAnswer(product.Id, grants.Select(g => new SqlGrant(g.ConsumerId, g.Role, g.PersonalData)).ToList());
    }
}
