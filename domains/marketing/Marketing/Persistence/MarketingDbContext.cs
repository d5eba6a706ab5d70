using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.DomainServices.Idempotency;
using Marketing.Model;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Persistence;

/// <summary>
/// Marketing's own database: campaigns, their spend and leads; the budgets and team figures kept from finance and
/// HR events; plus the platform's outbox, inbox and idempotency tables.
/// </summary>
public sealed class MarketingDbContext(DbContextOptions<MarketingDbContext> options) : DbContext(options)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignSpend> CampaignSpends => Set<CampaignSpend>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<TeamHeadcount> TeamHeadcounts => Set<TeamHeadcount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Campaign>(campaign =>
        {
            campaign.ToTable("campaigns");
            campaign.Property(c => c.Name).HasMaxLength(Campaign.NameLength);
            campaign.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
            campaign.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            campaign.Property(c => c.BudgetCap).HasPrecision(14, 2);
            campaign.Property(c => c.Spend).HasPrecision(14, 2);
            campaign.Property(c => c.Version).IsRowVersion();
            campaign.HasIndex(c => new { c.StartsOn, c.Status });
        });
        modelBuilder.Entity<CampaignSpend>(spend =>
        {
            spend.ToTable("campaign_spends");
            spend.Property(s => s.Amount).HasPrecision(14, 2);
            spend.Property(s => s.Vendor).HasMaxLength(CampaignSpend.VendorLength);
            spend.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Lead>(lead =>
        {
            lead.ToTable("leads");
            lead.Property(l => l.Name).HasMaxLength(Lead.NameLength);
            lead.Property(l => l.Email).HasMaxLength(Lead.EmailLength);
            lead.HasIndex(l => l.Email).IsUnique();
            lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            lead.Property(l => l.Version).IsRowVersion();
            lead.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Restrict);
            lead.HasIndex(l => new { l.CampaignId, l.Status });
        });
        modelBuilder.Entity<Budget>(budget =>
        {
            budget.ToTable("budgets");
            budget.HasKey(b => b.BudgetId);
            budget.Property(b => b.BudgetId).ValueGeneratedNever();
            budget.Property(b => b.CostCenter).HasMaxLength(20);
            budget.Property(b => b.FiscalQuarter).HasMaxLength(7);
            budget.Property(b => b.Category).HasMaxLength(20);
            budget.Property(b => b.Amount).HasPrecision(14, 2);
            budget.HasIndex(b => new { b.FiscalQuarter, b.Category });
        });
        modelBuilder.Entity<TeamHeadcount>(team =>
        {
            team.ToTable("team_headcount");
            team.HasKey(t => t.Month);
            team.Property(t => t.Month).HasMaxLength(7);
        });
        modelBuilder.AddDataProductOutbox();
        modelBuilder.AddDataProductInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
