using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataMesh.DataProducts;

/// <summary>
/// The domain's own database for the platform's work outside EF Core (quality rules, SQL grants): the data source a
/// domain service registers (<see cref="DomainServiceExtensions.AddDomainDatabase"/>), else one built from the
/// <typeparamref name="TDbContext"/>'s connection string, which the caller then owns.
/// </summary>
internal static class DomainDataSource<TDbContext>
    where TDbContext : DbContext
{
    /// <param name="purpose">What the database is wanted for, named when the context has no connection string.</param>
    public static async Task<(NpgsqlDataSource Database, bool Owned)> OpenAsync(IServiceProvider services, string purpose, CancellationToken cancellationToken)
    {
        if (services.GetService<NpgsqlDataSource>() is { } shared)
        {
            return (shared, false);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        cancellationToken.ThrowIfCancellationRequested();
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException($"{typeof(TDbContext).Name} has no connection string, so {purpose}.");
        return (NpgsqlDataSource.Create(connectionString), true);
    }
}
