using DataMesh.Catalog.Access;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Who is shown how to connect to a product's SQL port: a signed-in member of a team one of whose consumers holds a grant in
/// force on the product and has an active login; for each such consumer, its role. Nobody else (administrators who are no
/// member included): the hint names a login, which only its team needs. The server is the one the logins are on, as the
/// catalog reaches it (the address an issued login gives, <see cref="SqlProvisioner.Server"/>): a contract names the
/// server of one deployment, and a local mesh's port changes with each run.
/// </summary>
public sealed class SqlConnectionHints(CatalogDbContext db, SqlProvisioner provisioner)
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
        var (host, serverPort) = provisioner.IsConfigured ? provisioner.Server : (port.Host, port.ServerPort);
        return logins.Select(l => new SqlConnectionHint(l.ConsumerId, l.Role, host, serverPort, port.Database, port.Schema)).ToList();
    }
}
