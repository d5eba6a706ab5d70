namespace DataMesh.Catalog.Access;

/// <summary>Who reads data products: a team's application, identified by its API keys.</summary>
public sealed class ConsumerRecord
{
    /// <summary>A lower-case name such as <c>finance-reporting</c>.</summary>
    public required string Id { get; set; }

    /// <summary>The team answerable for the consumer's use of the data.</summary>
    public required string Team { get; set; }

    public string? Description { get; set; }

    /// <summary>The requests per second the gateway lets this consumer's keys make; null for the gateway's default.</summary>
    public int? RequestsPerSecond { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
