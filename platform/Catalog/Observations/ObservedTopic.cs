namespace DataMesh.Catalog.Observations;

/// <summary>
/// A topic the catalog subscribes to: a data product's output topic (<see cref="ConsumerId"/> null) or the
/// dead-letter topic one consumer's input port drops that product's contract violations on.
/// </summary>
public sealed record ObservedTopic(string Topic, string DataProductId, string? ConsumerId);
