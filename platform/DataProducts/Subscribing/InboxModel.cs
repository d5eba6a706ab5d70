using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>The inbox table a consuming domain adds to its own DbContext, so its own migrations create it.</summary>
public static class InboxModel
{
    public const string TableName = "data_product_inbox";

    /// <summary>The primary key's name: a unique violation on it means a concurrent delivery applied the event first.</summary>
    public const string PrimaryKeyName = "pk_data_product_inbox";

    public static ModelBuilder AddDataProductInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxEntry>(inbox =>
        {
            inbox.ToTable(TableName);
            inbox.HasKey(e => new { e.DataProductId, e.InputPort, e.EventId }).HasName(PrimaryKeyName);
            inbox.Property(e => e.DataProductId).HasColumnName("data_product_id");
            inbox.Property(e => e.InputPort).HasColumnName("input_port");
            inbox.Property(e => e.EventId).HasColumnName("event_id");
            inbox.Property(e => e.EventType).HasColumnName("event_type");
            inbox.Property(e => e.Source).HasColumnName("source");
            inbox.Property(e => e.AppliedAt).HasColumnName("applied_at");
            inbox.Property(e => e.Data).HasColumnName("data").HasColumnType("jsonb");
        });
        return modelBuilder;
    }
}
