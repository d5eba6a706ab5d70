using Google.Protobuf.WellKnownTypes;

namespace DataMesh.Catalog.Observations.Streaming;

/// <summary>
/// One CloudEvent as daprd sends it on a streaming subscription (its <c>TopicEventRequest</c>): the context attributes
/// <c>id</c>, <c>source</c>, <c>type</c>, <c>specversion</c> and <c>datacontenttype</c> as fields, the data as bytes, and
/// every other attribute (<c>time</c>, <c>topic</c>, the contract's extensions) in <see cref="Extensions"/>. Shaped like
/// Dapr.Messaging's <c>TopicMessage</c>.
/// </summary>
public sealed record TopicMessage(string Id, string Source, string Type, string SpecVersion, string DataContentType, string Topic, string PubSubName)
{
    public ReadOnlyMemory<byte> Data { get; init; }

    public string? Path { get; init; }

    public IReadOnlyDictionary<string, Value> Extensions { get; init; } = new Dictionary<string, Value>();
}
