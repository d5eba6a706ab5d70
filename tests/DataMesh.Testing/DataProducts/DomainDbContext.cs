using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Testing;

/// <summary>
/// A domain's own database as a service would model it: its tables plus the outbox and inbox. Both the HR
/// (publishing) and finance (consuming) services of the pipeline tests and the event flow bench use it, each on its
/// own database.
/// </summary>
public sealed class DomainDbContext(DbContextOptions<DomainDbContext> options) : DbContext(options)
{
    public DbSet<Employee> Employees => Set<Employee>();

    public DbSet<PayrollEntry> PayrollEntries => Set<PayrollEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Employee>().ToTable("employees");
        modelBuilder.Entity<PayrollEntry>().ToTable("payroll_entries");
        modelBuilder.AddDataProductOutbox();
        modelBuilder.AddDataProductInbox();
    }
}
