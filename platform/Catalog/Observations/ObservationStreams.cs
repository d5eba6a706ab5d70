using System.Text.Json;
using DataMesh.Catalog.Observations.Streaming;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// The catalog's subscriptions: one streaming subscription per observed topic (<see cref="ObservedTopics"/>), opened for
/// every topic in the registry when the catalog starts and for each new one when a registration commits
/// (<see cref="OpenNewAsync"/>), all closed when it stops. Streams, not <c>GET /dapr/subscribe</c>: daprd reads that once,
/// when the sidecar starts, before most products are registered. Each event is recorded by <see cref="EventObservations"/>
/// and answered SUCCESS, RETRY when it could not be recorded (daprd delivers it again), or DROP when it is not JSON.
/// </summary>
public sealed class ObservationStreams(
    DaprPublishSubscribeClient sidecar, IServiceScopeFactory scopes, ILogger<ObservationStreams> logger) : BackgroundService
{
    /// <summary>How long to wait before reading the registry again when it could not be read at start.</summary>
    private static readonly TimeSpan RegistryRetry = TimeSpan.FromSeconds(2);

    // Never disposed: the host may stop this service again after disposing it (WebApplicationFactory does), and a
    // SemaphoreSlim whose wait handle is never asked for holds nothing that needs disposing.
    private readonly SemaphoreSlim opening = new(1, 1);
    private readonly Dictionary<string, IAsyncDisposable> open = new(StringComparer.Ordinal);
    private bool stopped;

    /// <summary>The topics with a subscription now.</summary>
    public IReadOnlyCollection<string> Topics
    {
        get
        {
            lock (open)
            {
                return [.. open.Keys];
            }
        }
    }

    /// <summary>Opens a subscription for each observed topic that has none yet.</summary>
    public async Task OpenNewAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ObservedTopic> topics;
        await using (var scope = scopes.CreateAsyncScope())
        {
            topics = await scope.ServiceProvider.GetRequiredService<ObservedTopics>().ListAsync(cancellationToken);
        }

        await opening.WaitAsync(cancellationToken);
        try
        {
            foreach (var topic in topics)
            {
                // One stream per topic: the Kafka component keeps one handler per topic, and a second subscription's end would drop it.
                if (stopped || open.ContainsKey(topic.Topic))
                {
                    continue;
                }

                var subscription = await sidecar.SubscribeAsync(
                    DataProductsOptions.MeshPubSubName, topic.Topic, new DaprSubscriptionOptions(),
                    (message, ct) => ObserveAsync(topic, message, ct), cancellationToken);
                lock (open)
                {
                    open[topic.Topic] = subscription;
                }
            }
        }
        finally
        {
            opening.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await OpenNewAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read the observed topics from the registry; trying again in {Delay}.", RegistryRetry);
                await Task.Delay(RegistryRetry, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await opening.WaitAsync(cancellationToken);
        try
        {
            stopped = true;
            List<IAsyncDisposable> subscriptions;
            lock (open)
            {
                subscriptions = [.. open.Values];
                open.Clear();
            }

            await Task.WhenAll(subscriptions.Select(subscription => subscription.DisposeAsync().AsTask()));
        }
        finally
        {
            opening.Release();
        }
    }

    private async Task<TopicResponseAction> ObserveAsync(ObservedTopic topic, TopicMessage message, CancellationToken cancellationToken)
    {
        JsonElement cloudEvent;
        try
        {
            cloudEvent = ObservedCloudEvent.From(message);
        }
        catch (JsonException exception)
        {
            // Not a CloudEvent the catalog can read: delivering it again cannot help.
            logger.LogWarning(exception, "Dropped event {EventId} on {Topic}: its data is not JSON.", message.Id, message.Topic);
            return TopicResponseAction.Drop;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var observations = scope.ServiceProvider.GetRequiredService<EventObservations>();
            if (topic.ConsumerId is { } consumerId)
            {
                // The topic subscribed to, never the event's own "topic" attribute: daprd dead-letters the CloudEvent as it
                // came (dapr/dapr pkg/runtime/subscription/subscription.go, sendToDeadLetter), so that still names the
                // producer's topic, and the replay topic is derived from the dead-letter topic.
                await observations.ObserveDeadLetterAsync(topic.DataProductId, consumerId, topic.Topic, cloudEvent, cancellationToken);
            }
            else
            {
                await observations.ObserveEventAsync(topic.DataProductId, cloudEvent, cancellationToken);
            }

            return TopicResponseAction.Success;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not record event {EventId} on {Topic}; asking the sidecar to retry.", message.Id, message.Topic);
            return TopicResponseAction.Retry;
        }
    }
}
