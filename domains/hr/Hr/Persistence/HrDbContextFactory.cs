using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hr.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the AppHost's connection string.</summary>
public sealed class HrDbContextFactory : IDesignTimeDbContextFactory<HrDbContext>
{
    public HrDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HrDbContext>().UseNpgsql("Host=design-time-only").Options);
}
