using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Publishing;

/// <summary>The outbox table a publishing domain adds to its own DbContext, so its own migrations create it.</summary>
public static class OutboxModel
{
    public const string TableName = "data_product_outbox";

    /// <summary>The longest refusal kept in <c>last_error</c> (and reported to the catalog).</summary>
    public const int MaxLastErrorLength = 500;

    /// <summary>The rows the relay still offers: neither sent nor parked.</summary>
    public const string UnsentFilter = "sent_at IS NULL AND parked_at IS NULL";

    /// <summary>
    /// Maps <see cref="OutboxEvent"/> to <c>data_product_outbox</c>. Column names are fixed because the relay
    /// claims rows with raw SQL (<c>FOR UPDATE SKIP LOCKED</c>), whatever naming convention the domain uses.
    /// </summary>
    public static ModelBuilder AddDataProductOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxEvent>(outbox =>
        {
            outbox.ToTable(TableName);
            outbox.HasKey(e => e.Id);
            outbox.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(e => e.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.HasAlternateKey(e => e.Sequence);
            outbox.Property(e => e.DataProductId).HasColumnName("data_product_id");
            outbox.Property(e => e.OutputPort).HasColumnName("output_port");
            outbox.Property(e => e.ContractId).HasColumnName("contract_id");
            outbox.Property(e => e.ContractVersion).HasColumnName("contract_version");
            outbox.Property(e => e.Topic).HasColumnName("topic");
            outbox.Property(e => e.EventType).HasColumnName("event_type");
            outbox.Property(e => e.PartitionKey).HasColumnName("partition_key");

            // json, not jsonb: the consumer receives the text that was validated, key order included.
            outbox.Property(e => e.Data).HasColumnName("data").HasColumnType("json");
            outbox.Property(e => e.TraceParent).HasColumnName("traceparent");
            outbox.Property(e => e.TraceState).HasColumnName("tracestate");
            outbox.Property(e => e.CreatedAt).HasColumnName("created_at");
            outbox.Property(e => e.SentAt).HasColumnName("sent_at");
            outbox.Property(e => e.Attempts).HasColumnName("attempts").HasDefaultValue(0);
            outbox.Property(e => e.LastError).HasColumnName("last_error").HasMaxLength(MaxLastErrorLength);
            outbox.Property(e => e.ParkedAt).HasColumnName("parked_at");

            // The relay only ever looks for unsent rows it has not parked, in sequence order.
            outbox.HasIndex(e => e.Sequence).HasFilter(UnsentFilter).HasDatabaseName("ix_data_product_outbox_unsent");

            // Parked rows are few and read by data product, for the catalog's report.
            outbox.HasIndex(e => e.DataProductId).HasFilter("parked_at IS NOT NULL").HasDatabaseName("ix_data_product_outbox_parked");
            outbox.HasIndex(e => e.SentAt).HasDatabaseName("ix_data_product_outbox_sent_at");
        });
        return modelBuilder;
    }
}
