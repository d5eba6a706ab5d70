using DataMesh.Catalog.Access;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Drops revoked logins' roles once nothing holds them: PostgreSQL refuses <c>DROP ROLE</c> while any database of the server
/// still grants the role a privilege (<c>pg_shdepend</c>), which is the owning domains' to revoke. So the catalog tries
/// at once after a revoke, then every <see cref="SqlLoginSettings.DropRetryIntervalKey"/> until the drop goes through,
/// telling every <see cref="ISqlLoginObserver"/> first so what it keeps for the role (the mesh database's user mappings) goes too.
/// </summary>
public sealed class SqlLoginDropper(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<SqlLoginDropper> logger) : BackgroundService
{
    /// <summary>Who the audit trail says dropped a role: the catalog itself.</summary>
    public static readonly ServiceCaller Catalog = new(CatalogServiceExtensions.Name);

    private readonly SemaphoreSlim nudged = new(0, 1);

    /// <summary>Asks for a round now (after a revoke), rather than at the next interval.</summary>
    public void Nudge()
    {
        if (nudged.CurrentCount == 0)
        {
            try
            {
                nudged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Nudged already by someone else: one round serves both.
            }
        }
    }

    /// <summary>One round: tries to drop every revoked login's role; answers how many were dropped.</summary>
    public async Task<int> DropRevokedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var provisioner = scope.ServiceProvider.GetRequiredService<SqlProvisioner>();
        if (!provisioner.IsConfigured)
        {
            return 0;
        }

        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var observers = scope.ServiceProvider.GetServices<ISqlLoginObserver>().ToList();
        var dropped = 0;
        foreach (var login in await db.SqlLogins.Where(l => l.State == SqlLoginState.Revoked).OrderBy(l => l.RevokedAt).ToListAsync(cancellationToken))
        {
            // What observers keep goes first; the role is dropped only once they all let go.
            var refusal = await ForgetAsync(observers, login.Role, cancellationToken) ?? await provisioner.DropAsync(login.Role, cancellationToken);
            if (refusal is not null)
            {
                login.DropAttempts++;
                login.LastDropError = refusal.Length > SqlLoginRecord.MaxDropErrorLength ? refusal[..SqlLoginRecord.MaxDropErrorLength] : refusal;
            }
            else
            {
                login.State = SqlLoginState.Dropped;
                login.DroppedAt = clock.GetUtcNow();
                login.LastDropError = null;
                db.AccessAudit.Add(AccessAuditRecord.Of("sql-login-dropped", Catalog, login.DroppedAt.Value, login.ConsumerId,
                    note: $"role {login.Role}, after {login.DropAttempts} refused attempt(s)"));
                dropped++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return dropped;
    }

    /// <summary>
    /// Tells every observer the role goes; answers the first failure as the reason this login waits, so that an observer
    /// failing for one login holds back that login alone, tried again next round like a refused drop.
    /// </summary>
    private async Task<string?> ForgetAsync(IReadOnlyList<ISqlLoginObserver> observers, string role, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.DroppingAsync(role, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "{Observer} could not forget PostgreSQL login {Role}; its drop waits for the next round.", observer.GetType().Name, role);
                return $"{observer.GetType().Name}: {exception.Message}";
            }
        }

        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = SqlLoginSettings.DropRetryInterval(configuration);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DropRevokedAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not drop the revoked PostgreSQL logins; trying again in {Interval}.", interval);
            }

            try
            {
                await nudged.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        nudged.Dispose();
        base.Dispose();
    }
}
