using DataMesh.Catalog.Access;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Sql;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Registry;

/// <summary>The catalog's own database: the registry of data products and contracts, access and observations.</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    /// <summary>The text search configuration: English stemming, so "employee" finds "employees".</summary>
    public const string SearchConfiguration = "english";

    public DbSet<DataProductRecord> DataProducts => Set<DataProductRecord>();

    public DbSet<DataProductSearchRecord> DataProductSearch => Set<DataProductSearchRecord>();

    public DbSet<DataProductVersionRecord> DataProductVersions => Set<DataProductVersionRecord>();

    public DbSet<ContractVersionRecord> ContractVersions => Set<ContractVersionRecord>();

    public DbSet<LineageEdgeRecord> Lineage => Set<LineageEdgeRecord>();

    public DbSet<ConsumerRecord> Consumers => Set<ConsumerRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<AccessRequestRecord> AccessRequests => Set<AccessRequestRecord>();

    public DbSet<AccessAuditRecord> AccessAudit => Set<AccessAuditRecord>();

    public DbSet<ProductTeamMemberRecord> ProductTeamMembers => Set<ProductTeamMemberRecord>();

    public DbSet<TeamRecord> Teams => Set<TeamRecord>();

    public DbSet<TeamMemberRecord> TeamMembers => Set<TeamMemberRecord>();

    public DbSet<ObservedProductRecord> ObservedProducts => Set<ObservedProductRecord>();

    public DbSet<ObservedEventRecord> ObservedEvents => Set<ObservedEventRecord>();

    public DbSet<ObservedHourRecord> ObservedHours => Set<ObservedHourRecord>();

    public DbSet<DeadLetterRecord> DeadLetters => Set<DeadLetterRecord>();

    public DbSet<ParkedEventsRecord> ParkedEvents => Set<ParkedEventsRecord>();

    public DbSet<QualityResultRecord> QualityResults => Set<QualityResultRecord>();

    public DbSet<SqlLoginRecord> SqlLogins => Set<SqlLoginRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProductRecord>(product =>
        {
            product.ToTable("data_products");
            product.HasKey(p => p.Id);
            product.Property(p => p.SearchVector).HasComputedColumnSql(
                $"setweight(to_tsvector('{SearchConfiguration}', coalesce(\"Name\", '') || ' ' || \"Id\" || ' ' || \"Domain\" || ' ' || \"Owner\"), 'A')"
                + $" || setweight(to_tsvector('{SearchConfiguration}', \"Description\"), 'B')"
                + $" || setweight(to_tsvector('{SearchConfiguration}', \"PropertyNames\"), 'C')"
                + $" || setweight(to_tsvector('{SearchConfiguration}', \"TagText\"), 'A')",
                stored: true);
            product.HasIndex(p => p.Domain);
            product.HasIndex(p => p.Owner);
        });
        modelBuilder.Entity<DataProductSearchRecord>(search =>
        {
            // Filled only by the trigger the migration creates on data_products.
            search.ToTable("data_product_search");
            search.HasKey(s => s.Id);
            search.HasOne<DataProductRecord>().WithOne().HasForeignKey<DataProductSearchRecord>(s => s.Id).OnDelete(DeleteBehavior.Cascade);
            search.HasIndex(s => s.SearchVector).HasMethod("GIN");
            // With the key, so a filtered page without text is read in key order and stops at its end.
            search.HasIndex(s => new { s.Domain, s.Id });
            search.HasIndex(s => new { s.Owner, s.Id });
        });
        modelBuilder.Entity<DataProductVersionRecord>(version =>
        {
            version.ToTable("data_product_versions");
            version.HasKey(v => new { v.DataProductId, v.Version });
        });
        modelBuilder.Entity<ContractVersionRecord>(version =>
        {
            version.ToTable("contract_versions");
            version.HasKey(v => new { v.ContractId, v.Version });
            version.HasIndex(v => v.DataProductId);
        });
        modelBuilder.Entity<LineageEdgeRecord>(edge =>
        {
            edge.ToTable("lineage");
            edge.HasKey(e => new { e.DownstreamId, e.InputPort });
            edge.HasIndex(e => e.UpstreamId);
        });
        modelBuilder.Entity<ConsumerRecord>(consumer =>
        {
            consumer.ToTable("consumers");
            consumer.HasKey(c => c.Id);
        });
        modelBuilder.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.HasIndex(k => k.Hash).IsUnique();
            key.HasIndex(k => k.ConsumerId);
        });
        modelBuilder.Entity<AccessRequestRecord>(request =>
        {
            request.ToTable("access_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Status).HasConversion<string>();
            request.Property(r => r.RequestedByKind).HasConversion<string>();
            request.HasIndex(r => new { r.ConsumerId, r.Status });
            request.HasIndex(r => new { r.DataProductId, r.Status });
        });
        modelBuilder.Entity<AccessAuditRecord>(audit =>
        {
            audit.ToTable("access_audit");
            audit.HasKey(a => a.Id);
            audit.HasIndex(a => a.RequestId);
            audit.HasIndex(a => a.ConsumerId);
            audit.Property(a => a.ActorKind).HasConversion<string>();
        });
        modelBuilder.Entity<ProductTeamMemberRecord>(member =>
        {
            member.ToTable("product_team_members");
            member.HasKey(m => new { m.DataProductId, m.UserName });
            member.HasOne<DataProductRecord>().WithMany().HasForeignKey(m => m.DataProductId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.UserName);
        });
        modelBuilder.Entity<TeamRecord>(team =>
        {
            team.ToTable("teams");
            team.HasKey(t => t.Name);
        });
        modelBuilder.Entity<TeamMemberRecord>(member =>
        {
            member.ToTable("team_members");
            member.HasKey(m => new { m.Team, m.UserName });
            member.HasOne<TeamRecord>().WithMany().HasForeignKey(m => m.Team).OnDelete(DeleteBehavior.Cascade);
            member.Property(m => m.Role).HasConversion<string>();
            member.HasIndex(m => m.UserName);
        });
        modelBuilder.Entity<ObservedProductRecord>(observed =>
        {
            observed.ToTable("observed_products");
            observed.HasKey(o => o.DataProductId);
        });
        modelBuilder.Entity<ObservedEventRecord>(seen =>
        {
            seen.ToTable("observed_events");
            seen.HasKey(e => new { e.DataProductId, e.EventId });
            seen.HasIndex(e => e.ReceivedAt);
        });
        modelBuilder.Entity<ObservedHourRecord>(hour =>
        {
            hour.ToTable("observed_hours");
            hour.HasKey(h => new { h.DataProductId, h.Hour });
        });
        modelBuilder.Entity<DeadLetterRecord>(deadLetter =>
        {
            deadLetter.ToTable("dead_letters");
            deadLetter.HasKey(d => d.Id);
            deadLetter.HasIndex(d => new { d.DataProductId, d.ReceivedAt });
            deadLetter.HasIndex(d => new { d.DataProductId, d.ConsumerId, d.EventId }).IsUnique().HasFilter("\"EventId\" <> ''");
            deadLetter.HasIndex(d => d.ConsumerId);
        });
        modelBuilder.Entity<ParkedEventsRecord>(parked =>
        {
            parked.ToTable("parked_outbox_events");
            parked.HasKey(p => p.DataProductId);
            parked.Property(p => p.DataProductId).HasMaxLength(DataProductRecord.MaxIdLength);
            parked.Property(p => p.OldestReason).HasMaxLength(ParkedEventsRecord.MaxReasonLength);
        });
        modelBuilder.Entity<QualityResultRecord>(run =>
        {
            run.ToTable("quality_results");
            run.HasKey(r => r.Id);
            run.Property(r => r.DataProductId).HasMaxLength(DataProductRecord.MaxIdLength);
            run.Property(r => r.ContractId).HasMaxLength(ContractVersionRecord.MaxIdLength);
            run.Property(r => r.ContractVersion).HasMaxLength(ContractVersionRecord.MaxVersionLength);
            run.Property(r => r.RuleId).HasMaxLength(QualityRuleResult.MaxRuleIdLength);
            run.Property(r => r.Element).HasMaxLength(QualityRuleResult.MaxElementLength);
            run.Property(r => r.Kind).HasMaxLength(QualityRuleResult.MaxKindLength);
            run.Property(r => r.Outcome).HasMaxLength(QualityResultRecord.MaxOutcomeLength);
            run.Property(r => r.Detail).HasMaxLength(QualityRuleResult.MaxDetailLength);
            run.Ignore(r => r.Holds);
            // A rule's runs newest first (its last result, its history, trimming), and each run once: a report sent again adds nothing.
            run.HasIndex(r => new { r.DataProductId, r.ContractId, r.RuleId, r.CheckedAt }).IsUnique();
            // The products with a rule that did not pass lately: the only ones the breached-promises list judges for quality.
            run.HasIndex(r => r.DataProductId).HasFilter($"\"Outcome\" <> '{QualityRuleResult.Passed}'").HasDatabaseName("IX_quality_results_not_passed");
        });
        modelBuilder.Entity<SqlLoginRecord>(login =>
        {
            login.ToTable("sql_logins");
            login.HasKey(l => l.ConsumerId);
            login.HasOne<ConsumerRecord>().WithOne().HasForeignKey<SqlLoginRecord>(l => l.ConsumerId).OnDelete(DeleteBehavior.Cascade);
            login.Property(l => l.Role).HasMaxLength(DataMesh.DataProducts.SqlPorts.SqlIdentifier.MaxLength);
            login.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
            login.Property(l => l.LastDropError).HasMaxLength(SqlLoginRecord.MaxDropErrorLength);
            login.HasIndex(l => l.Role).IsUnique();
            // The dropper's round reads the revoked logins only.
            login.HasIndex(l => l.State);
        });
    }
}
