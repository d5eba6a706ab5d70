namespace Domain1.Model;

/// <summary>
/// One item of the <c>domain1.product1</c> data product: the sample's entity, to rename and reshape for the
/// domain's business.
/// </summary>
public sealed class Entity1
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>In EUR.</summary>
    public decimal Amount { get; set; }

    public DateOnly RecordedOn { get; init; }

    public Entity1Status Status { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>PostgreSQL's xmin: the ETag of optimistic concurrency.</summary>
    public uint Version { get; set; }
}
