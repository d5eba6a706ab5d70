using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// A token bucket per consumer (its rate from the catalog, else the default) and per client address for callers
/// without a key; each bucket holds one second's worth of requests and is refilled every second.
/// </summary>
public sealed class ConsumerRateLimits(IOptions<EdgeOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<(string Caller, int RequestsPerSecond)> _buckets =
        PartitionedRateLimiter.Create<(string Caller, int RequestsPerSecond), (string, int)>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller, partition => new TokenBucketRateLimiterOptions
            {
                TokenLimit = partition.Item2,
                TokensPerPeriod = partition.Item2,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Null when the request may pass; otherwise how long to wait before the next one would.</summary>
    public TimeSpan? Admit(Consumer? consumer, HttpContext context)
    {
        var caller = consumer is null
            ? ("address:" + context.Connection.RemoteIpAddress, options.Value.AnonymousRequestsPerSecond)
            : ("consumer:" + consumer.ConsumerId, consumer.RequestsPerSecond ?? options.Value.DefaultRequestsPerSecond);
        using var lease = _buckets.AttemptAcquire(caller);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _buckets.Dispose();
}
