using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Healthy once the broker answers a metadata request: then topics can be created and written, which is what the
/// Dapr pub/sub component needs (daprd exits at start when its Kafka component cannot initialise). Unhealthy says
/// which address was tried and what failed, so the dashboard tells a user whose daprd stopped why.
/// </summary>
internal sealed class KafkaBrokerHealthCheck(Func<string?> bootstrapServers) : IHealthCheck
{
    /// <summary>How long one check waits for the broker; the dashboard re-checks an unhealthy resource every second.</summary>
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the check for one resource and returns its key, for <c>WithHealthCheck</c>.</summary>
    public static string Register(IDistributedApplicationBuilder builder, string resourceName, Func<string?> bootstrapServers)
    {
        // One registration per resource: a shared singleton check would read the last broker's address.
        var key = $"{resourceName}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new KafkaBrokerHealthCheck(bootstrapServers),
            failureStatus: default,
            tags: default));
        return key;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = bootstrapServers();
        if (string.IsNullOrEmpty(servers))
        {
            return HealthCheckResult.Unhealthy("The broker's address is not allocated yet.");
        }

        // librdkafka's GetMetadata blocks its thread for up to the timeout: keep it off the health check loop's.
        return await Task.Run(() => AskForMetadata(servers), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static HealthCheckResult AskForMetadata(string servers)
    {
        // What librdkafka says went wrong (connection refused, a peer that is not a broker, ...) is reported through its
        // error and log callbacks; the exception from GetMetadata only says that the time ran out.
        var failures = new ConcurrentQueue<string>();
        var config = new AdminClientConfig
        {
            BootstrapServers = servers,
            // Within the check's time, so that a peer which accepts but never speaks Kafka is named as such.
            SocketConnectionSetupTimeoutMs = (int)(MetadataTimeout.TotalMilliseconds / 2),
            ApiVersionRequestTimeoutMs = (int)(MetadataTimeout.TotalMilliseconds / 2),
        };
        using var admin = new AdminClientBuilder(config)
            .SetErrorHandler((_, error) => failures.Enqueue(error.Reason))
            .SetLogHandler((_, message) =>
            {
                if (message.Level <= SyslogLevel.Warning)
                {
                    failures.Enqueue(WithoutThreadTag(message.Message));
                }
            })
            .Build();
        try
        {
            var metadata = admin.GetMetadata(MetadataTimeout);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {servers}")
                : HealthCheckResult.Unhealthy($"No Kafka broker answered at {servers}: the cluster lists no broker.");
        }
        catch (KafkaException exception)
        {
            // The first failure is the cause; later ones ("1/1 brokers are down") only follow from it.
            var reason = failures.TryPeek(out var first) ? first : exception.Error.Reason;
            // Without the exception: its stack says nothing the reason does not, and the check repeats every few seconds.
            return HealthCheckResult.Unhealthy($"No Kafka broker answered at {servers} within {MetadataTimeout.TotalSeconds:0} s: {reason}");
        }
    }

    /// <summary>librdkafka's log lines start with the thread they come from, "[thrd:host:port/bootstrap]: ", which says nothing more.</summary>
    private static string WithoutThreadTag(string message)
    {
        const string tagEnd = "]: ";
        var end = message.StartsWith("[thrd:", StringComparison.Ordinal) ? message.IndexOf(tagEnd, StringComparison.Ordinal) : -1;
        return end < 0 ? message : message[(end + tagEnd.Length)..];
    }
}
