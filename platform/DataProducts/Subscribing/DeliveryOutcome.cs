namespace DataMesh.DataProducts.Subscribing;

/// <summary>What became of one delivery to an input port: the metric's <c>outcome</c> tag and Dapr's answer.</summary>
public enum DeliveryOutcome
{
    /// <summary>The handler ran and its changes committed with the inbox entry.</summary>
    Applied,

    /// <summary>The inbox already held the event: acknowledged without running the handler again.</summary>
    Duplicate,

    /// <summary>
    /// A valid event of a type the domain registered no handler for, or of a type the consumer's contract version does
    /// not know (a later minor version's): acknowledged, logged and counted, never dead-lettered.
    /// </summary>
    Ignored,

    /// <summary>
    /// The event breaks a rule of the contract version the consumer declared, or was written against another major
    /// version of it: Dapr sends it to the dead-letter topic.
    /// </summary>
    Dropped,

    /// <summary>A transient failure (database, timeout): Dapr delivers it again later.</summary>
    Retried,
}
