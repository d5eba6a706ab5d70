namespace DaprSidecarStandIn;

/// <summary>
/// daprd's app health check (dapr/dapr <c>pkg/apphealth/health.go</c>; the probe, <c>pkg/channel/http/http_channel.go</c>,
/// <c>HealthProbe</c>; what a change does, <c>pkg/runtime/runtime.go</c>, <c>appHealthChanged</c>). Without
/// <c>--enable-app-health-check</c> the app counts as healthy at once. With it, the app starts unhealthy; a GET of the
/// health path (no API token, as daprd sends none) every probe interval, cut off at the probe timeout, answered 2xx makes
/// it healthy, and <c>threshold</c> failed probes in a row make it unhealthy. Subscriptions run only while it is healthy:
/// becoming unhealthy stops them (what they were delivering stays unsettled, to come again), becoming healthy starts
/// them again.
/// </summary>
public sealed class AppHealth(DaprdCommandLine commandLine, IHttpClientFactory clients, ILogger<AppHealth> logger)
{
    public const string ProbeClient = "app-health-probe";

    private readonly Lock gate = new();
    private TaskCompletionSource<CancellationToken> healthy = NewHealthy(commandLine.AppHealthCheck is null);
    private CancellationTokenSource? whileHealthy;
    private int failures = commandLine.AppHealthCheck?.Threshold ?? 0;

    /// <summary>
    /// Completes once the app is healthy, with a token cancelled when it stops being healthy; a subscription runs
    /// under that token.
    /// </summary>
    public Task<CancellationToken> WhenHealthyAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return healthy.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Probes the app until <paramref name="stoppingToken"/> is cancelled; returns at once without a health check.</summary>
    public async Task ProbeAsync(CancellationToken stoppingToken)
    {
        if (commandLine.AppHealthCheck is not { } settings)
        {
            return;
        }

        logger.LogInformation(
            "App health probes starting: GET {Path} every {Interval}, timeout {Timeout}, unhealthy after {Threshold} failures",
            settings.Path, settings.ProbeInterval, settings.ProbeTimeout, settings.Threshold);
        using var client = clients.CreateClient(ProbeClient);
        using var ticker = new PeriodicTimer(settings.ProbeInterval);
        do
        {
            Report(await ProbeOnceAsync(client, settings, stoppingToken).ConfigureAwait(false), settings.Threshold);
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static async Task<string?> ProbeOnceAsync(HttpClient client, AppHealthCheckSettings settings, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.ProbeTimeout);
        try
        {
            using var response = await client.GetAsync(settings.Path.TrimStart('/'), timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"Health check failed with status code: {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            return $"Network error: {exception.Message}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return "Network error: the probe timed out";
        }
    }

    /// <param name="failure">Null for a healthy probe, else why it failed.</param>
    private void Report(string? failure, int threshold)
    {
        lock (gate)
        {
            if (failure is null)
            {
                var previous = failures;
                failures = 0;
                if (previous >= threshold)
                {
                    logger.LogInformation("App entered healthy status: subscriptions start");
                    whileHealthy = new CancellationTokenSource();
                    healthy.TrySetResult(whileHealthy.Token);
                }

                return;
            }

            // health.go counts a failure only when it changes the status it reports, i.e. up to the threshold.
            if (failures >= threshold)
            {
                return;
            }

            if (++failures == threshold)
            {
                logger.LogWarning("App entered un-healthy status: {Reason}; subscriptions stop", failure);
                healthy = NewHealthy(false);
                // Not disposed: running subscriptions hold linked sources over its token.
                whileHealthy?.Cancel();
                whileHealthy = null;
            }
        }
    }

    private static TaskCompletionSource<CancellationToken> NewHealthy(bool already)
    {
        var source = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (already)
        {
            source.SetResult(CancellationToken.None);
        }

        return source;
    }
}
