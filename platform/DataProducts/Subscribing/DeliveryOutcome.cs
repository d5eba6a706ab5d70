namespace DataMesh.DataProducts.Subscribing;

/// <summary>What became of one delivery to an input port: the metric's <c>outcome</c> tag and Dapr's answer.</summary>
public enum DeliveryOutcome
{
    /// <summary>The handler ran and its changes committed with the inbox entry.</summary>
    Applied,

    /// <summary>The inbox already held the event: acknowledged without running the handler again.</summary>
    Duplicate,

    /// <summary>A valid event of a type the domain registered no handler for: acknowledged.</summary>
    Ignored,

    /// <summary>The event breaks the contract version the consumer declared: Dapr sends it to the dead-letter topic.</summary>
    Dropped,

    /// <summary>A transient failure (database, timeout): Dapr delivers it again later.</summary>
    Retried,
}
