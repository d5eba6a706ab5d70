using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// A token bucket per consumer (its rate from the catalog, else the default) and per client address for callers
/// without a key; each bucket holds one second's worth of requests and is refilled every second. A second bucket per
/// client address counts the catalog look-ups of keys the gateway does not remember, so guessing keys is slowed.
/// </summary>
public sealed class ConsumerRateLimits(IOptions<EdgeOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _keyLookUps =
        PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetTokenBucketLimiter(address, _ => PerSecond(options.Value.KeyLookUpsPerSecond)));

    private readonly PartitionedRateLimiter<(string Caller, int RequestsPerSecond)> _buckets =
        PartitionedRateLimiter.Create<(string Caller, int RequestsPerSecond), (string, int)>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller, partition => PerSecond(partition.Item2)));

    /// <summary>Null when the request may pass; otherwise how long to wait before the next one would.</summary>
    public TimeSpan? Admit(Consumer? consumer, HttpContext context)
    {
        var caller = consumer is null
            ? (Address(context), options.Value.AnonymousRequestsPerSecond)
            : ("consumer:" + consumer.ConsumerId, consumer.RequestsPerSecond ?? options.Value.DefaultRequestsPerSecond);
        return Wait(_buckets, caller);
    }

    /// <summary>Null when the client's address may have another key looked up in the catalog; otherwise how long until it may.</summary>
    public TimeSpan? AdmitKeyLookUp(HttpContext context) => Wait(_keyLookUps, Address(context));

    public void Dispose()
    {
        _buckets.Dispose();
        _keyLookUps.Dispose();
    }

    private static string Address(HttpContext context) => "address:" + context.Connection.RemoteIpAddress;

    /// <summary>One second's worth of requests, refilled every second.</summary>
    private static TokenBucketRateLimiterOptions PerSecond(int requests) => new()
    {
        TokenLimit = requests,
        TokensPerPeriod = requests,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Null when a permit was taken; otherwise how long until one will be there.</summary>
    private static TimeSpan? Wait<TResource>(PartitionedRateLimiter<TResource> limiter, TResource resource)
    {
        using var lease = limiter.AttemptAcquire(resource);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }
}
