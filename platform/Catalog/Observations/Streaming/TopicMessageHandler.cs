namespace DataMesh.Catalog.Observations.Streaming;

/// <summary>Handles one message of a streaming subscription and says what daprd should do with it (Dapr.Messaging's shape).</summary>
public delegate Task<TopicResponseAction> TopicMessageHandler(TopicMessage message, CancellationToken cancellationToken = default);
