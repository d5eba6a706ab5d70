using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.SqlPorts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Consumers' PostgreSQL logins: created once with a password shown once, rotated, revoked (no login at once, dropped once
/// the domains revoked its privileges). Whoever manages a consumer's API keys manages its login
/// (<see cref="ConsumerRecord.MayBeManagedBy"/>); every step is in the access audit trail.
/// </summary>
/// <remarks>
/// Creating and rotating are all or nothing, observers (<see cref="ISqlLoginObserver"/>) included: the catalog keeps no
/// password, so an observer that missed one could never be brought up to date later, and a password nobody was shown
/// is a login nobody can use. So observers are told before anything is recorded, and when one fails the request is
/// refused (503) with the role and its password as they were and nothing recorded or audited: a retry goes through.
/// Revoking tells no observer; the drop that follows does, and an observer failing holds back that login's drop only
/// (<see cref="SqlLoginDropper"/>).
/// </remarks>
public sealed class SqlLogins(
    CatalogDbContext db,
    AccessDesk desk,
    SqlProvisioner provisioner,
    SqlGrantEvents events,
    SqlPortDirectory ports,
    SqlLoginDropper dropper,
    IEnumerable<ISqlLoginObserver> observers,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<SqlLogins> logger)
{
    /// <summary>The field refusals about the login itself name (it is not in the request: the route is).</summary>
    public const string Field = "sql-login";

    /// <summary>The consumer's login (never its password), or null when it never had one.</summary>
    public async Task<SqlLoginFacts?> FindAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        return await db.SqlLogins.AsNoTracking().Where(l => l.ConsumerId == consumerId).Select(l => SqlLoginFacts.Of(l)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Creates the consumer's login role in the consumers' group role; its password is in the answer only.</summary>
    /// <exception cref="CatalogRefusal">409 when the consumer has a login (or one being dropped).</exception>
    public async Task<IssuedSqlLogin> CreateAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var consumer = await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        var role = SqlLoginRole.For(consumer.Id);
        var login = await db.SqlLogins.FindAsync([consumer.Id], cancellationToken);
        switch (login?.State)
        {
            case SqlLoginState.Active:
                throw CatalogRefusal.Conflict(Field, $"consumer '{consumer.Id}' has a PostgreSQL login ({role}) already: rotate its password, or revoke it first");
            case SqlLoginState.Revoked:
                throw CatalogRefusal.Conflict(Field, $"consumer '{consumer.Id}''s revoked login ({role}) is not dropped yet: the domains have not revoked all of its privileges");
        }

        var password = SqlPassword.New();
        if (!await provisioner.CreateLoginAsync(role, password, cancellationToken))
        {
            throw CatalogRefusal.Conflict(Field, $"a PostgreSQL role '{role}' exists already, which the catalog did not create for '{consumer.Id}' or has not dropped");
        }

        try
        {
            // Told while nothing is recorded yet: a failure undoes the role below and leaves no trace.
            await IssuedAsync(role, password, cancellationToken);
            var now = clock.GetUtcNow();
            if (login is null)
            {
                login = new SqlLoginRecord { ConsumerId = consumer.Id, Role = role };
                db.SqlLogins.Add(login);
            }

            login.Role = role;
            login.State = SqlLoginState.Active;
            login.CreatedAt = now;
            login.PasswordSetAt = now;
            login.RevokedAt = null;
            login.DroppedAt = null;
            login.DropAttempts = 0;
            login.LastDropError = null;
            db.AccessAudit.Add(AccessAuditRecord.Of("sql-login-created", caller, now, consumer.Id, note: $"role {role}"));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // A role the catalog does not know of would refuse every later attempt: it goes with the failed request, and
            // whatever an observer kept for it first.
            await UndoCreateAsync(role);
            throw;
        }

        var granted = await GrantedProductsAsync(consumer.Id, cancellationToken);
        await events.ChangedAsync(granted.Select(p => (p, consumer.Id)), cancellationToken);
        return await AnswerAsync(login, password, granted, cancellationToken);
    }

    /// <summary>Sets a new password, shown in the answer only; the old one opens no new session.</summary>
    public async Task<IssuedSqlLogin> RotateAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var login = await ActiveLoginAsync(consumerId, caller, cancellationToken);
        var password = SqlPassword.New();
        // Observers first: one failing leaves the old password in force everywhere. (Should the server then refuse the new
        // password, the observers hold one nobody knows until a retried rotation, which the caller's error asks for.)
        await IssuedAsync(login.Role, password, cancellationToken);
        await provisioner.SetPasswordAsync(login.Role, password, cancellationToken);
        login.PasswordSetAt = clock.GetUtcNow();
        db.AccessAudit.Add(AccessAuditRecord.Of("sql-login-rotated", caller, login.PasswordSetAt, login.ConsumerId, note: $"role {login.Role}"));
        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(login, password, await GrantedProductsAsync(login.ConsumerId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Ends the login: <c>NOLOGIN</c> at once (and the sessions the provisioning role may end), the owning domains told to
    /// revoke its grants, and the role dropped in the background once they did (<see cref="SqlLoginDropper"/>).
    /// </summary>
    public async Task RevokeAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var login = await ActiveLoginAsync(consumerId, caller, cancellationToken);
        var ended = await provisioner.DisableLoginAsync(login.Role, cancellationToken);
        login.State = SqlLoginState.Revoked;
        login.RevokedAt = clock.GetUtcNow();
        db.AccessAudit.Add(AccessAuditRecord.Of("sql-login-revoked", caller, login.RevokedAt.Value, login.ConsumerId,
            note: $"role {login.Role}: no new sessions; {ended} open session(s) ended"));
        await db.SaveChangesAsync(cancellationToken);
        await events.ChangedAsync((await GrantedProductsAsync(login.ConsumerId, cancellationToken)).Select(p => (p, login.ConsumerId)), cancellationToken);
        dropper.Nudge();
    }

    /// <summary>The products <paramref name="consumerId"/> holds a grant on (approved, not revoked).</summary>
    private Task<List<string>> GrantedProductsAsync(string consumerId, CancellationToken cancellationToken) =>
        db.AccessRequests.AsNoTracking().Where(r => r.ConsumerId == consumerId && r.Status == AccessStatus.Approved)
            .Select(r => r.DataProductId).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);

    /// <summary>Tells every observer; one failing is the request's refusal (503), logged with its cause.</summary>
    private async Task IssuedAsync(string role, string password, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.IssuedAsync(role, password, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "{Observer} could not take the new password of PostgreSQL login {Role}; the change is refused.", observer.GetType().Name, role);
                throw new CatalogRefusal(StatusCodes.Status503ServiceUnavailable, Field,
                    $"the login's credentials could not be passed on ({observer.GetType().Name}): nothing was changed, try again later");
            }
        }
    }

    /// <summary>Takes back a role just created: what observers kept for it, then the role (best effort, each failure logged).</summary>
    private async Task UndoCreateAsync(string role)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.DroppingAsync(role, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{Observer} could not forget PostgreSQL login {Role} after its creation failed.", observer.GetType().Name, role);
            }
        }

        if (await provisioner.DropAsync(role, CancellationToken.None) is { } refusal)
        {
            logger.LogError("The PostgreSQL role {Role}, created by a request that failed, could not be dropped: {Refusal}", role, refusal);
        }
    }

    private async Task<IssuedSqlLogin> AnswerAsync(SqlLoginRecord login, string password, IReadOnlyList<string> granted, CancellationToken cancellationToken)
    {
        var (host, port) = provisioner.Server;
        var databases = new List<string>();
        if (configuration.GetConnectionString(SqlPortConnections.MeshDatabase) is { Length: > 0 } mesh && new NpgsqlConnectionStringBuilder(mesh).Database is { Length: > 0 } meshDatabase)
        {
            databases.Add(meshDatabase);
        }

        databases.AddRange((await ports.FindAsync(granted, cancellationToken)).Select(p => p.Database).Where(d => !databases.Contains(d)).Distinct().Order(StringComparer.Ordinal));
        return new IssuedSqlLogin(login.ConsumerId, login.Role, password, host, port, databases, login.PasswordSetAt);
    }

    private async Task<SqlLoginRecord> ActiveLoginAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var consumer = await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        var login = await db.SqlLogins.FindAsync([consumer.Id], cancellationToken);
        return login?.State switch
        {
            SqlLoginState.Active => login,
            SqlLoginState.Revoked => throw CatalogRefusal.Conflict(Field, $"consumer '{consumer.Id}''s login ({login.Role}) is revoked"),
            _ => throw CatalogRefusal.NotFound(Field, $"consumer '{consumer.Id}' has no PostgreSQL login"),
        };
    }

    private async Task<ConsumerRecord> ManagedConsumerAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        CatalogRefusal.ThrowIfBlank("id", consumerId, AccessDesk.MaxIdLength);
        return await desk.ManagedConsumerAsync(consumerId, caller, cancellationToken);
    }
}
