using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DomainServices.Idempotency;
using Hr.Model;
using Microsoft.EntityFrameworkCore;

namespace Hr.Persistence;

/// <summary>HR's own database: departments and employees, plus the platform's outbox, inbox and idempotency tables.</summary>
public sealed class HrDbContext(DbContextOptions<HrDbContext> options) : DbContext(options)
{
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Employee> Employees => Set<Employee>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Department>(department =>
        {
            department.ToTable("departments");
            department.Property(d => d.Name).HasMaxLength(100);
            department.Property(d => d.CostCenter).HasMaxLength(20);
            department.HasIndex(d => d.Name).IsUnique();
        });
        modelBuilder.Entity<Employee>(employee =>
        {
            employee.ToTable("employees");
            employee.Property(e => e.Name).HasMaxLength(200);
            employee.Property(e => e.Email).HasMaxLength(254);
            employee.HasIndex(e => e.Email).IsUnique();
            employee.Property(e => e.Title).HasMaxLength(100);
            employee.Property(e => e.MonthlySalary).HasPrecision(12, 2);
            employee.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            employee.Property(e => e.TerminationReason).HasConversion<string>().HasMaxLength(20);
            employee.Property(e => e.Version).IsRowVersion();
            employee.HasOne(e => e.Department).WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            employee.HasIndex(e => new { e.DepartmentId, e.Status });
        });
        modelBuilder.AddDataProductOutbox();
        modelBuilder.AddDataProductInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
