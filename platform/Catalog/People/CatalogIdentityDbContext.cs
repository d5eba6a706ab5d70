using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.People;

/// <summary>
/// The people who sign in to the catalog: local accounts (hashed passwords, lockout) and the accounts that OpenID
/// Connect sign-ins create, with their roles; and the keys that protect their session cookies, so sessions survive a
/// restart and hold across replicas. In the catalog's database, but in a schema and a migrations history of its own,
/// so its migrations and the registry's never touch each other.
/// </summary>
public sealed class CatalogIdentityDbContext(DbContextOptions<CatalogIdentityDbContext> options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public const string Schema = "people";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
    }
}
