using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>
/// A domain's own database as a service would model it: its tables plus the outbox and inbox. Both the HR
/// (publishing) and finance (consuming) services of the tests use it, each on its own database.
/// </summary>
internal sealed class DomainDbContext(DbContextOptions<DomainDbContext> options) : DbContext(options)
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

internal sealed class Employee
{
    public Guid Id { get; set; }

    public required string Email { get; set; }
}

/// <summary>What the finance handler writes per applied event: duplicates would show as extra rows.</summary>
internal sealed class PayrollEntry
{
    public long Id { get; set; }

    public Guid EmployeeId { get; set; }

    public required string EventType { get; set; }

    public required string EventId { get; set; }

    public decimal Salary { get; set; }
}
