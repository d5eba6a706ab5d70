using System.Globalization;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How often daprd delivers an event of this component again when the app refuses it (RETRY, a non-2xx answer other
/// than 404, a timeout, no connection) before it publishes the event to the subscription's dead-letter topic: daprd's
/// exponential backoff (the first wait 0.5 s, each next one 1.5 times the last, each drawn ±50 % at random, none longer
/// than <see cref="MaxInterval"/> before the draw), at most <see cref="MaxRetries"/> times. Without a policy daprd
/// dead-letters on the first refusal (dapr/dapr pkg/runtime/subscription). Written as the component's Resiliency
/// (<see cref="Dapr.DaprResiliency"/>); a Resiliency can name neither the first wait nor the factor, so these two are the knobs.
/// </summary>
public sealed record DaprInboundRetry : IResourceAnnotation
{
    public DaprInboundRetry(TimeSpan maxInterval, int maxRetries)
    {
        // A Go duration of whole milliseconds; daprd's backoff would spin on zero.
        if (maxInterval < TimeSpan.FromMilliseconds(1) || maxInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInterval), maxInterval, "The longest wait is a positive whole number of milliseconds.");
        }

        // -1 (daprd: retry forever) is refused on purpose: an event that can never be applied must reach its dead-letter topic.
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        MaxInterval = maxInterval;
        MaxRetries = maxRetries;
    }

    public TimeSpan MaxInterval { get; }

    public int MaxRetries { get; }

    /// <summary><see cref="MaxInterval"/> as Go's time.ParseDuration reads it: <c>10s</c>, <c>1500ms</c>.</summary>
    public string MaxIntervalText => MaxInterval.Ticks % TimeSpan.TicksPerSecond == 0
        ? $"{(long)MaxInterval.TotalSeconds}s"
        : $"{(long)MaxInterval.TotalMilliseconds}ms";

    /// <summary>Always <c>exponential</c>: a constant wait either hammers a restarting database or waits too long after a blip.</summary>
    public const string Policy = "exponential";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Policy}, at most {MaxRetries} retries, waits up to {MaxIntervalText}");
}
