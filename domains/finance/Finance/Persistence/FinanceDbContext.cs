using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DomainServices.Idempotency;
using Finance.Model;
using Microsoft.EntityFrameworkCore;

namespace Finance.Persistence;

/// <summary>Finance's own database: cost centers, budgets, expenses, payroll lines, plus the platform's tables.</summary>
public sealed class FinanceDbContext(DbContextOptions<FinanceDbContext> options) : DbContext(options)
{
    public DbSet<CostCenter> CostCenters => Set<CostCenter>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<Expense> Expenses => Set<Expense>();

    public DbSet<PayrollLine> PayrollLines => Set<PayrollLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CostCenter>(costCenter =>
        {
            costCenter.ToTable("cost_centers");
            costCenter.HasKey(c => c.Code);
            costCenter.Property(c => c.Code).HasMaxLength(CostCenter.CodeLength);
            costCenter.Property(c => c.Name).HasMaxLength(CostCenter.NameLength);
        });
        modelBuilder.Entity<Budget>(budget =>
        {
            budget.ToTable("budgets");
            budget.Property(b => b.CostCenter).HasMaxLength(CostCenter.CodeLength);
            budget.Property(b => b.FiscalQuarter).HasMaxLength(DataMesh.DomainServices.Calendar.FiscalQuarter.Length);
            budget.Property(b => b.Category).HasConversion<string>().HasMaxLength(20);
            budget.Property(b => b.Amount).HasPrecision(14, 2);
            budget.Property(b => b.Version).IsRowVersion();
            budget.HasIndex(b => new { b.CostCenter, b.FiscalQuarter, b.Category }).IsUnique();
            budget.HasOne<CostCenter>().WithMany().HasForeignKey(b => b.CostCenter).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Expense>(expense =>
        {
            expense.ToTable("expenses");
            expense.Property(e => e.CostCenter).HasMaxLength(CostCenter.CodeLength);
            expense.Property(e => e.Category).HasConversion<string>().HasMaxLength(20);
            expense.Property(e => e.Amount).HasPrecision(14, 2);
            expense.Property(e => e.Vendor).HasMaxLength(Expense.VendorLength);
            expense.Property(e => e.SourceDataProduct).HasMaxLength(Expense.SourceDataProductLength);
            expense.Property(e => e.SourceId).HasMaxLength(100);
            expense.HasIndex(e => new { e.SourceDataProduct, e.SourceId }).IsUnique();
            expense.HasIndex(e => new { e.CostCenter, e.SpentOn });
            expense.HasOne<CostCenter>().WithMany().HasForeignKey(e => e.CostCenter).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PayrollLine>(line =>
        {
            line.ToTable("payroll_lines");
            line.Property(l => l.CostCenter).HasMaxLength(CostCenter.CodeLength);
            line.Property(l => l.MonthlyAmount).HasPrecision(12, 2);
            line.HasIndex(l => l.EmployeeId);
            line.HasIndex(l => new { l.CostCenter, l.FromMonth });
        });
        modelBuilder.AddDataProductOutbox();
        modelBuilder.AddDataProductInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
