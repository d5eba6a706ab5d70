using System.Globalization;

namespace DaprSidecarStandIn;

/// <summary>Constant or exponential back-off, as dapr/kit <c>retry/retry.go</c> names them.</summary>
public enum BackOffKind
{
    Constant,
    Exponential,
}

/// <summary>
/// A retry policy as daprd builds it (dapr/kit <c>retry/retry.go</c>, <c>Config</c> and <c>NewBackOff</c>, over
/// cenkalti/backoff v4): what a resiliency retry policy or the Kafka component's <c>backOff*</c> metadata configures.
/// Unset fields keep kit's <c>DefaultConfig</c>: constant, 5 s, exponential from 500 ms ×1.5 with ±50 % jitter up to
/// 60 s and for at most 15 min in all, no limit on retries.
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt: 0 none, -1 no limit (an exponential policy still stops after <paramref name="MaxElapsedTime"/>).</param>
/// <param name="RetriedHttpStatusCodes">From a resiliency policy's <c>matching.httpStatusCodes</c>: only these non-2xx answers are retried; null retries all.</param>
public sealed record RetryPolicy(
    BackOffKind Kind,
    TimeSpan Duration,
    TimeSpan InitialInterval,
    double RandomizationFactor,
    double Multiplier,
    TimeSpan MaxInterval,
    TimeSpan MaxElapsedTime,
    long MaxRetries,
    IReadOnlyList<(int From, int To)>? RetriedHttpStatusCodes = null)
{
    public static RetryPolicy Default { get; } = new(
        BackOffKind.Constant,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMilliseconds(500),
        0.5,
        1.5,
        TimeSpan.FromSeconds(60),
        TimeSpan.FromMinutes(15),
        -1);

    /// <summary>A fresh back-off, started now (backoff's <c>Reset</c>, as every retry loop does first).</summary>
    public BackOff Start() => new(this);

    /// <summary>Whether a non-2xx answer with this status is retried (dapr/dapr <c>pkg/resiliency/retry.go</c>, <c>statusCodeNeedRetry</c>).</summary>
    public bool RetriesStatus(int statusCode) =>
        RetriedHttpStatusCodes is null || RetriedHttpStatusCodes.Any(range => range.From <= statusCode && statusCode <= range.To);

    /// <summary>
    /// Applies <paramref name="fields"/> (kit's field names, matched regardless of case as mapstructure matches them)
    /// over <see cref="Default"/>.
    /// </summary>
    /// <param name="describe">Names a field for an error message, e.g. the file and its path in the document.</param>
    /// <exception cref="InvalidDataException">A value kit would refuse, naming the field.</exception>
    public static RetryPolicy Decode(IReadOnlyDictionary<string, string> fields, Func<string, string> describe)
    {
        var policy = Default;
        foreach (var (name, value) in fields)
        {
            policy = name.ToLowerInvariant() switch
            {
                "policy" => policy with
                {
                    Kind = value.ToLowerInvariant() switch
                    {
                        "constant" => BackOffKind.Constant,
                        "exponential" => BackOffKind.Exponential,
                        _ => throw Invalid(describe(name), value, "constant or exponential"),
                    },
                },
                "duration" => policy with { Duration = ParseDuration(value, describe(name)) },
                "initialinterval" => policy with { InitialInterval = ParseDuration(value, describe(name)) },
                "maxinterval" => policy with { MaxInterval = ParseDuration(value, describe(name)) },
                "maxelapsedtime" => policy with { MaxElapsedTime = ParseDuration(value, describe(name)) },
                "randomizationfactor" => policy with { RandomizationFactor = Number(value, describe(name)) },
                "multiplier" => policy with { Multiplier = Number(value, describe(name)) },
                "maxretries" => policy with
                {
                    MaxRetries = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries)
                        ? retries
                        : throw Invalid(describe(name), value, "an integer (-1 retries without limit)"),
                },
                _ => throw new InvalidDataException($"{describe(name)}: not a field of dapr/kit's retry configuration."),
            };
        }

        return policy;
    }

    private static TimeSpan ParseDuration(string value, string field) =>
        GoSyntax.TryParseDuration(value, out var duration) ? duration : throw Invalid(field, value, "a duration (milliseconds, or Go syntax such as 500ms, 2s, 1m)");

    private static double Number(string value, string field) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : throw Invalid(field, value, "a number");

    private static InvalidDataException Invalid(string field, string value, string expected) =>
        new($"{field}: '{value}' is not {expected}.");
}

/// <summary>
/// One run of a <see cref="RetryPolicy"/>: the delay before each retry, or null when the policy gives up (cenkalti/backoff
/// v4 <c>ConstantBackOff</c>, <c>ExponentialBackOff</c> and <c>WithMaxRetries</c>).
/// </summary>
public sealed class BackOff(RetryPolicy policy)
{
    private readonly System.Diagnostics.Stopwatch elapsed = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan currentInterval = policy.InitialInterval;
    private long retries;

    public TimeSpan? Next()
    {
        if (policy.MaxRetries >= 0)
        {
            if (retries >= policy.MaxRetries)
            {
                return null;
            }

            retries++;
        }

        if (policy.Kind == BackOffKind.Constant)
        {
            return policy.Duration;
        }

        var delta = policy.RandomizationFactor * currentInterval.Ticks;
        var next = TimeSpan.FromTicks((long)(currentInterval.Ticks - delta + (Random.Shared.NextDouble() * ((2 * delta) + 1))));
        currentInterval = currentInterval.Ticks >= policy.MaxInterval.Ticks / policy.Multiplier
            ? policy.MaxInterval
            : TimeSpan.FromTicks((long)(currentInterval.Ticks * policy.Multiplier));
        return policy.MaxElapsedTime > TimeSpan.Zero && elapsed.Elapsed + next > policy.MaxElapsedTime ? null : next;
    }
}
