using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Reads the app's programmatic subscriptions (<c>GET /dapr/subscribe</c>) once, as daprd does (dapr/dapr
/// <c>pkg/runtime/pubsub/subscriptions.go</c>, <c>GetSubscriptionsHTTP</c>, called once per run by
/// <c>pkg/runtime/processor/subscriber/subscriber.go</c>, <c>initProgrammaticSubscriptions</c>): only a call that gets no
/// answer (connection refused or reset) is tried again, under daprd's built-in <c>DaprBuiltInInitializationRetries</c>
/// policy; a 200 is read, and any other answer, or no answer after the retries, leaves the app without programmatic
/// subscriptions for the rest of the run. Reads both the v1 form (<c>route</c>) and the v2 form (<c>routes.rules</c> and
/// <c>routes.default</c>).
/// </summary>
public sealed class SubscriptionLoader(HttpClient appClient, DaprdCommandLine commandLine, ILogger<SubscriptionLoader> logger)
{
    /// <summary>
    /// <c>DaprBuiltInInitializationRetries</c> (dapr/dapr <c>pkg/resiliency/resiliency.go</c>, <c>addBuiltInPolicies</c>):
    /// exponential from 500 ms, ×1.5 with ±50 % jitter, at most 1 s apart, 3 retries, 10 s in all.
    /// </summary>
    public static RetryPolicy InitializationRetries { get; } = new(
        BackOffKind.Exponential,
        Duration: TimeSpan.FromSeconds(2),
        InitialInterval: TimeSpan.FromMilliseconds(500),
        RandomizationFactor: 0.5,
        Multiplier: 1.5,
        MaxInterval: TimeSpan.FromSeconds(1),
        MaxElapsedTime: TimeSpan.FromSeconds(10),
        MaxRetries: 3);

    /// <returns>The subscriptions; empty when the app has none, answered anything but 200, or could not be reached.</returns>
    public async Task<IReadOnlyList<Subscription>> LoadAsync(CancellationToken cancellationToken)
    {
        var retries = InitializationRetries.Start();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/subscribe");
            request.Headers.TryAddWithoutValidation("dapr-app-id", commandLine.AppId);
            try
            {
                using var response = await appClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        return Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                    case HttpStatusCode.NotFound:
                        logger.LogInformation("user app did not subscribe to any topic (GET /dapr/subscribe answered 404)");
                        return [];
                    default:
                        logger.LogError("app returned http status code {Status} from subscription endpoint: no programmatic subscriptions for this run", (int)response.StatusCode);
                        return [];
                }
            }
            catch (HttpRequestException exception)
            {
                if (retries.Next() is not { } delay)
                {
                    logger.LogWarning("failed to subscribe to topics: GET /dapr/subscribe got no answer ({Message}) after {Retries} retries: no programmatic subscriptions for this run", exception.Message, InitializationRetries.MaxRetries);
                    return [];
                }

                logger.LogInformation("GET /dapr/subscribe got no answer ({Message}); asking again in {Delay}", exception.Message, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public IReadOnlyList<Subscription> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            logger.LogError("The app's /dapr/subscribe answer is not JSON ({Message}); no subscriptions", exception.Message);
            return [];
        }

        var subscriptions = new List<Subscription>();
        foreach (var item in (root as JsonArray ?? []).OfType<JsonObject>())
        {
            var subscription = ParseOne(item);
            if (subscription is null)
            {
                continue;
            }

            if (subscriptions.Any(existing => existing.PubSubName == subscription.PubSubName && existing.Topic == subscription.Topic))
            {
                logger.LogWarning("Duplicate subscription to {Topic} on {PubSub} ignored", subscription.Topic, subscription.PubSubName);
                continue;
            }

            subscriptions.Add(subscription);
            logger.LogInformation(
                "Subscribed to {Topic} on {PubSub}: {Rules} rule(s), default route {Route}, dead-letter topic {DeadLetter}",
                subscription.Topic, subscription.PubSubName, subscription.Rules.Count, subscription.DefaultRoute ?? "(none)", subscription.DeadLetterTopic ?? "(none)");
        }

        return subscriptions;
    }

    private Subscription? ParseOne(JsonObject item)
    {
        var pubsub = Text(item, "pubsubname");
        var topic = Text(item, "topic");
        if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic))
        {
            logger.LogWarning("Subscription without pubsubname or topic ignored: {Json}", item.ToJsonString());
            return null;
        }

        var rules = new List<RouteRule>();
        var defaultRoute = Text(item, "route");
        if (Property(item, "routes") is JsonObject routes)
        {
            defaultRoute = Text(routes, "default") ?? defaultRoute;
            foreach (var rule in (Property(routes, "rules") as JsonArray ?? []).OfType<JsonObject>())
            {
                var match = Text(rule, "match") ?? string.Empty;
                var path = Text(rule, "path");
                if (string.IsNullOrEmpty(path))
                {
                    continue;
                }

                var parsed = RouteRule.Parse(match, RoutePath(path));
                if (parsed is null)
                {
                    logger.LogWarning("Rule '{Match}' on {Topic} is beyond the stand-in (empty match and event.type == \"x\" only); events it would match go to the default route", match, topic);
                    continue;
                }

                rules.Add(parsed);
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Property(item, "metadata") is JsonObject metadataObject)
        {
            foreach (var (key, value) in metadataObject)
            {
                metadata[key] = value is JsonValue scalar ? scalar.ToString() : value?.ToJsonString() ?? string.Empty;
            }
        }

        var bulk = Property(item, "bulkSubscribe") is JsonObject bulkObject
            && Property(bulkObject, "enabled") is JsonValue enabled
            && enabled.TryGetValue<bool>(out var isEnabled) && isEnabled
                ? new BulkSubscribeSettings(
                    Positive(bulkObject, "maxMessagesCount") ?? BulkSubscribeSettings.DefaultMaxMessagesCount,
                    Positive(bulkObject, "maxAwaitDurationMs") is { } awaitMs ? TimeSpan.FromMilliseconds(awaitMs) : BulkSubscribeSettings.DefaultMaxAwaitDuration)
                : null;

        return new Subscription(
            pubsub,
            topic,
            rules,
            string.IsNullOrEmpty(defaultRoute) ? null : RoutePath(defaultRoute),
            Text(item, "deadLetterTopic") is { Length: > 0 } deadLetter ? deadLetter : null,
            metadata,
            bulk);
    }

    private static int? Positive(JsonObject node, string name) =>
        Property(node, name) is JsonValue value && value.TryGetValue<int>(out var number) && number > 0 ? number : null;

    private static string RoutePath(string route) => route.StartsWith('/') ? route : "/" + route;

    private static JsonNode? Property(JsonObject node, string name) =>
        node.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject node, string name) =>
        Property(node, name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
