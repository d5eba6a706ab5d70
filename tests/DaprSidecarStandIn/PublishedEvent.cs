namespace DaprSidecarStandIn;

/// <summary>One event as a publisher hands it to the sidecar, over gRPC or HTTP.</summary>
public sealed record PublishedEvent(
    string AppId,
    string PubSubName,
    string Topic,
    byte[] Data,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    string? TraceParent,
    string? TraceState);
