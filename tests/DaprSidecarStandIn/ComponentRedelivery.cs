namespace DaprSidecarStandIn;

/// <summary>
/// What the Kafka component does with an event daprd hands back unsettled (no dead-letter topic, or the dead letter
/// could not be written): with <c>consumeRetryEnabled</c> (its default) it delivers the event again after its
/// <c>backOff*</c> policy's delay, for as long as that policy allows; then, or without <c>consumeRetryEnabled</c>, it
/// logs the failure and goes on with the next event, whose commit moves the group past this one
/// (dapr/components-contrib <c>common/component/kafka/consumer.go</c>, <c>ConsumeClaim</c>; <c>kafka.go</c>,
/// <c>retry.DecodeConfigWithPrefix(..., "backOff")</c>).
/// </summary>
public sealed record ComponentRedelivery(bool Enabled, RetryPolicy BackOff)
{
    private const string BackOffPrefix = "backOff";
    private const string EnabledKey = "consumeRetryEnabled";

    public static ComponentRedelivery Default { get; } = new(true, RetryPolicy.Default);

    /// <exception cref="InvalidDataException">A value the Kafka component refuses at init, naming the metadata item.</exception>
    public static ComponentRedelivery FromMetadata(IReadOnlyDictionary<string, string> metadata, Func<string, string> describe)
    {
        var enabled = true;
        var backOff = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in metadata)
        {
            if (string.Equals(name, EnabledKey, StringComparison.OrdinalIgnoreCase))
            {
                enabled = GoSyntax.ParseBool(value) ?? throw new InvalidDataException($"{describe(name)}: '{value}' is not a boolean.");
            }
            else if (name.StartsWith(BackOffPrefix, StringComparison.Ordinal) && name.Length > BackOffPrefix.Length)
            {
                backOff[name[BackOffPrefix.Length..]] = value;
            }
        }

        return new ComponentRedelivery(enabled, RetryPolicy.Decode(backOff, field => describe(BackOffPrefix + field)));
    }
}
