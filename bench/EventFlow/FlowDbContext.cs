using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Bench.EventFlow;

/// <summary>
/// The database of either service, modelled as a domain service models its own: a domain table per side
/// plus the outbox and inbox. The producer and the consumer each get their own database.
/// </summary>
internal sealed class FlowDbContext(DbContextOptions<FlowDbContext> options) : DbContext(options)
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

/// <summary>The producer's domain change: each event reports one hire, written in the same transaction.</summary>
internal sealed class Employee
{
    public Guid Id { get; set; }

    public required string Email { get; set; }
}

/// <summary>The consumer's domain change: one row per applied event, committed with its inbox entry.</summary>
internal sealed class PayrollEntry
{
    public long Id { get; set; }

    public Guid EmployeeId { get; set; }

    public required string EventId { get; set; }

    public decimal Salary { get; set; }
}

/// <summary>An <c>EmployeeHired</c> event of contract hr.employees.events 1.0.0, with every required field.</summary>
internal sealed record EmployeeHired(Guid EmployeeId, string Name, string Email, string BirthDate, decimal Salary, string Currency, string HiredOn)
{
    public static EmployeeHired For(Guid employeeId) => new(employeeId, "Ada Lovelace", "ada@example.com", "1815-12-10", 5400.50m, "EUR", "2024-03-01");
}
