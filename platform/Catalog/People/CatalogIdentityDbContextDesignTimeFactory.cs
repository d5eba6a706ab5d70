using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DataMesh.Catalog.People;

/// <summary>Lets <c>dotnet ef migrations add --context CatalogIdentityDbContext</c> build the model without a database.</summary>
internal sealed class CatalogIdentityDbContextDesignTimeFactory : IDesignTimeDbContextFactory<CatalogIdentityDbContext>
{
    public CatalogIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CatalogIdentityDbContext>().UseNpgsql(PeopleServiceExtensions.UseHistoryTable).Options);
}
