using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DataMesh.DomainServices.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a domain's model without the AppHost's connection string: a domain
/// derives one sealed class from it beside its DbContext, where the tools look for it.
/// </summary>
public abstract class DesignTimeDbContextFactory<TDbContext> : IDesignTimeDbContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public TDbContext CreateDbContext(string[] args) =>
        (TDbContext)Activator.CreateInstance(typeof(TDbContext), new DbContextOptionsBuilder<TDbContext>().UseNpgsql("Host=design-time-only").Options)!;
}
