namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// The topics each consumer has of its own beside an upstream topic: its dead-letter topic (what its sidecar moves
/// there after the consumer refused an event) and its replay topic (what the catalog sends back to it once the cause
/// is fixed). Per consumer, so that what one consumer refused or replays touches no other consumer of the topic.
/// </summary>
public static class ConsumerTopics
{
    public const string DeadLetterSuffix = ".deadletter";

    public const string ReplaySuffix = ".replay";

    /// <summary><c>{topic}.{consumer}.deadletter</c>.</summary>
    public static string DeadLetter(string topic, string consumerId) => $"{topic}.{consumerId}{DeadLetterSuffix}";

    /// <summary><c>{topic}.{consumer}.replay</c>: the consumer subscribes to it with the same route as the topic, so a replay goes through its inbox.</summary>
    public static string Replay(string topic, string consumerId) => $"{topic}.{consumerId}{ReplaySuffix}";

    /// <summary>The replay topic that belongs to a dead-letter topic, or null when the name is not one.</summary>
    public static string? ReplayOfDeadLetter(string deadLetterTopic) =>
        deadLetterTopic.EndsWith(DeadLetterSuffix, StringComparison.Ordinal)
            ? string.Concat(deadLetterTopic.AsSpan(0, deadLetterTopic.Length - DeadLetterSuffix.Length), ReplaySuffix)
            : null;
}
