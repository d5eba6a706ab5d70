using Microsoft.EntityFrameworkCore;

namespace DataMesh.DomainServices.Idempotency;

public static class IdempotencyModel
{
    /// <summary>Adds the table of answered idempotent commands to a domain's model (then add a migration).</summary>
    public static ModelBuilder AddIdempotentRequests(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotent_requests");
            request.HasKey(r => r.Key);
            request.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
            request.Property(r => r.RequestHash).HasMaxLength(64);
            request.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }
}
