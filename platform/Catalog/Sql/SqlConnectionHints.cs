using DataMesh.Catalog.Access;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Who is shown how to connect to a product's SQL port: a signed-in member of a team one of whose consumers holds a grant in
/// force on the product and has an active login; for each such consumer, its role. Nobody else (administrators who are no
/// member included): the hint names a login, which only its team needs.
/// </summary>
public sealed class SqlConnectionHints(CatalogDbContext db)
{
    public async Task<IReadOnlyList<SqlConnectionHint>> ForAsync(CatalogCaller caller, SqlPortFacts port, CancellationToken cancellationToken)
    {
        if (caller is not PersonCaller { Teams.Count: > 0 } person)
        {
            return [];
        }

        var teams = person.Teams.Select(t => t.Team).Distinct().ToList();
        var logins = await db.Consumers.AsNoTracking().Where(c => teams.Contains(c.Team))
            .Join(db.SqlLogins.AsNoTracking().Where(l => l.State == SqlLoginState.Active), c => c.Id, l => l.ConsumerId, (c, l) => l)
            .Where(l => db.AccessRequests.Any(r => r.ConsumerId == l.ConsumerId && r.DataProductId == port.DataProductId && r.Status == AccessStatus.Approved))
            .OrderBy(l => l.ConsumerId).ToListAsync(cancellationToken);
        return logins.Select(l => new SqlConnectionHint(l.ConsumerId, l.Role, port.Host, port.ServerPort, port.Database, port.Schema)).ToList();
    }
}
