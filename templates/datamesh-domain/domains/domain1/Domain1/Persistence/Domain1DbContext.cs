using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DomainServices.Idempotency;
using Domain1.Model;
using Microsoft.EntityFrameworkCore;

namespace Domain1.Persistence;

/// <summary>The domain's own database: its product1, plus the platform's outbox, inbox and idempotency tables.</summary>
public sealed class Domain1DbContext(DbContextOptions<Domain1DbContext> options) : DbContext(options)
{
    public DbSet<Entity1> Product1 => Set<Entity1>();
//#if (consumesHeadcount)

    public DbSet<TeamHeadcount> TeamHeadcounts => Set<TeamHeadcount>();
//#endif
//#if (consumesBudgets)

    public DbSet<Budget> Budgets => Set<Budget>();
//#endif

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Entity1>(entity1 =>
        {
            entity1.ToTable("product_1");
            entity1.Property(e => e.Name).HasMaxLength(200);
            entity1.Property(e => e.Amount).HasPrecision(12, 2);
            entity1.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entity1.Property(e => e.Version).IsRowVersion();
            entity1.HasIndex(e => new { e.Status, e.RecordedOn });
        });
//#if (consumesHeadcount)
        modelBuilder.Entity<TeamHeadcount>(team =>
        {
            team.ToTable("team_headcounts");
            team.HasKey(t => new { t.Department, t.Month });
            team.Property(t => t.Department).HasMaxLength(100);
            team.Property(t => t.Month).HasMaxLength(7);
        });
//#endif
//#if (consumesBudgets)
        modelBuilder.Entity<Budget>(budget =>
        {
            budget.ToTable("budgets");
            budget.HasKey(b => b.BudgetId);
            budget.Property(b => b.CostCenter).HasMaxLength(20);
            budget.Property(b => b.FiscalQuarter).HasMaxLength(7);
            budget.Property(b => b.Category).HasMaxLength(20);
            budget.Property(b => b.Amount).HasPrecision(14, 2);
        });
//#endif
        modelBuilder.AddDataProductOutbox();
        modelBuilder.AddDataProductInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
