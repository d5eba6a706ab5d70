using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DomainServices.Persistence;

/// <summary>
/// Applies the domain's migrations, then writes its demo data into an empty database, before the service
/// serves anything: a hosted service's start runs before the web server listens, so no request meets an old
/// schema. Demo data only where <see cref="DemoDataSetting"/> is on (Development, or the setting).
/// </summary>
public sealed class DomainDatabaseMigration<TDbContext>(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IHostEnvironment environment,
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
        if (demoData is null || !DemoDataSetting.IsOn(configuration, environment) || await demoData.IsPresentAsync(cancellationToken))
        {
            return;
        }

        await demoData.WriteAsync(cancellationToken);
        logger.LogInformation("Wrote the demo data.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
