using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DomainServices.Persistence;

/// <summary>
/// Applies the domain's migrations, then writes its demo data into an empty database, before the service
/// serves anything: a hosted service's start runs before the web server listens, so no request meets an old
/// schema. <c>DemoData:Enabled=false</c> leaves the database empty (the domains' own tests do).
/// </summary>
public sealed class DomainDatabaseMigration<TDbContext>(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DomainDatabaseMigration<TDbContext>> logger) : IHostedService
    where TDbContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s): {Migrations}.", pending.Count, string.Join(", ", pending));
        }

        var demoData = scope.ServiceProvider.GetService<IDemoData>();
        if (demoData is null || !configuration.GetValue("DemoData:Enabled", true) || await demoData.IsPresentAsync(cancellationToken))
        {
            return;
        }

        await demoData.WriteAsync(cancellationToken);
        logger.LogInformation("Wrote the demo data.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
