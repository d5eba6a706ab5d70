using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Registry;

/// <summary>The catalog's own database: the registry of data products and contracts, access and observations.</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    /// <summary>The text search configuration: English stemming, so "employee" finds "employees".</summary>
    public const string SearchConfiguration = "english";

    public DbSet<DataProductRecord> DataProducts => Set<DataProductRecord>();

    public DbSet<DataProductVersionRecord> DataProductVersions => Set<DataProductVersionRecord>();

    public DbSet<ContractVersionRecord> ContractVersions => Set<ContractVersionRecord>();

    public DbSet<LineageEdgeRecord> Lineage => Set<LineageEdgeRecord>();

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
            product.HasIndex(p => p.SearchVector).HasMethod("GIN");
            product.HasIndex(p => p.Domain);
            product.HasIndex(p => p.Owner);
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
    }
}
