namespace DataMesh.DataProducts.Publishing;

/// <summary>The sidecar accepted a bulk publish but refused some of its entries; those rows stay unsent.</summary>
public sealed class BulkPublishRefusedException(string topic, IReadOnlyDictionary<Guid, string> refused)
    : Exception($"The sidecar refused {refused.Count} event(s) published to {topic}: " +
        string.Join("; ", refused.Take(5).Select(r => $"{r.Key}: {r.Value}")))
{
    public IReadOnlyDictionary<Guid, string> Refused { get; } = refused;
}
