using System.Net.Sockets;

namespace DaprSidecarStandIn;

/// <summary>
/// daprd's channel to the app (dapr/dapr <c>pkg/runtime/runtime.go</c>: <c>blockUntilAppIsReady</c>, then
/// <c>appHealthChanged</c>): waits until the app port accepts a TCP connection, starts the app health probes (with
/// <c>--enable-app-health-check</c>), and once the app is healthy (at once without the check) reads the app's
/// subscriptions, once for the run (<see cref="SubscriptionLoader"/>), then runs one <see cref="TopicConsumer"/> per
/// subscription, under its component's inbound resiliency policy, until shutdown.
/// </summary>
public sealed class AppChannel(
    DaprdCommandLine commandLine,
    PubSubBroker broker,
    InboundPolicies policies,
    AppHealth appHealth,
    SubscriptionLoader subscriptionLoader,
    SidecarReadiness readiness,
    TopicHandlers handlers,
    EventDelivery delivery,
    IServiceProvider services,
    ILogger<AppChannel> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (commandLine.AppPort is not { } appPort)
        {
            logger.LogInformation("No --app-port: the app only publishes; no subscriptions");
            readiness.AppChannelReady();
            return;
        }

        try
        {
            await WaitForAppPortAsync(appPort, stoppingToken).ConfigureAwait(false);
            var consumers = new List<Task> { appHealth.ProbeAsync(stoppingToken) };
            if (commandLine.AppHealthCheck is not null)
            {
                // runtime.go: with the health check, initialisation ends here; subscriptions wait for the first healthy probe.
                readiness.AppChannelReady();
            }

            await appHealth.WhenHealthyAsync(stoppingToken).ConfigureAwait(false);
            // subscriber.go, initProgrammaticSubscriptions: without a pub/sub component daprd does not ask.
            IReadOnlyList<Subscription> subscriptions = broker.Components.Count == 0 ? [] : await subscriptionLoader.LoadAsync(stoppingToken).ConfigureAwait(false);
            readiness.SubscriptionsLoaded(subscriptions);
            foreach (var subscription in subscriptions)
            {
                if (!broker.TryGetComponent(subscription.PubSubName, out var component))
                {
                    logger.LogError("Subscription to {Topic} names pubsub {PubSub}, which no component defines: ignored", subscription.Topic, subscription.PubSubName);
                    continue;
                }

                // dapr/dapr pkg/runtime/subscription/subscription.go New: the subscription is not started, so it gets nothing.
                if (!component.ScopesFor(commandLine.AppId).MaySubscribe(subscription.Topic))
                {
                    logger.LogError("Failed to start subscription for pubsub {PubSub}, topic {Topic}: subscription to topic '{Topic}' on pubsub '{PubSub}' is not allowed",
                        subscription.PubSubName, subscription.Topic, subscription.Topic, subscription.PubSubName);
                    continue;
                }

                var consumer = ActivatorUtilities.CreateInstance<TopicConsumer>(
                    services, subscription, broker.Log(subscription.PubSubName, subscription.Topic), component.ConsumerGroupFor(commandLine.AppId),
                    component, policies.For(subscription.PubSubName), (IEventPostman)delivery, true);
                consumers.Add(handlers.Subscribe(subscription.PubSubName, subscription.Topic, consumer.RunAsync, stoppingToken));
            }

            readiness.AppChannelReady();
            logger.LogInformation("App channel ready on {Address}:{Port} with {Count} subscription(s)", commandLine.AppChannelAddress, appPort, consumers.Count - 1);
            await Task.WhenAll(consumers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("App channel stopping");
        }
    }

    private async Task WaitForAppPortAsync(int appPort, CancellationToken cancellationToken)
    {
        logger.LogInformation("Waiting for the app on {Address}:{Port}", commandLine.AppChannelAddress, appPort);
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(commandLine.AppChannelAddress, appPort, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("The app accepts connections on port {Port}", appPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
