using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Healthy once the broker answers a metadata request: then topics can be created and written,
/// which is what the Dapr pub/sub component needs before its sidecars start.
/// </summary>
internal sealed class KafkaBrokerHealthCheck(Func<string?> bootstrapServers) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = bootstrapServers();
        if (string.IsNullOrEmpty(servers))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The broker's address is not allocated yet."));
        }

        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).Build();
            var metadata = admin.GetMetadata(MetadataTimeout);
            return Task.FromResult(metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {servers}")
                : HealthCheckResult.Unhealthy($"No broker answered at {servers}."));
        }
        catch (KafkaException exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"No broker answered at {servers}.", exception));
        }
    }
}
