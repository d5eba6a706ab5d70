using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.Postgres;

/// <summary>A health check that is healthy when the probe completes, unhealthy with its exception otherwise.</summary>
internal sealed class DelegateHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
