namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// The CloudEvent 1.0 attributes the mesh sets beyond the required ones. Extension names are lower-case
/// letters and digits only, as the CloudEvents spec requires.
/// </summary>
public static class CloudEventAttributes
{
    public const string ContentType = "application/cloudevents+json";
    public const string DataProduct = "dataproduct";
    public const string ContractId = "contractid";
    public const string ContractVersion = "contractversion";
    public const string TraceParent = "traceparent";

    /// <summary>
    /// The older name of <see cref="TraceParent"/>: daprd keeps a published CloudEvent's trace only when the event carries
    /// it, and otherwise writes its own publish span over both (components-contrib <c>pubsub/envelope.go</c>).
    /// </summary>
    public const string TraceId = "traceid";
    public const string TraceState = "tracestate";

    /// <summary>Dapr's metadata key for the broker's message key (the Kafka partition key).</summary>
    public const string PartitionKeyMetadata = "partitionKey";

    /// <summary>The CloudEvent <c>source</c> of a data product's events.</summary>
    public static string Source(string dataProductId) => $"/dataproducts/{dataProductId}";
}
