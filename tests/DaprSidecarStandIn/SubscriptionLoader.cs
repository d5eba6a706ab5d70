using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Asks the app for its programmatic subscriptions (<c>GET /dapr/subscribe</c>), as daprd does once the
/// app port accepts connections, retrying until the app answers. Reads both the v1 form (<c>route</c>)
/// and the v2 form (<c>routes.rules</c> and <c>routes.default</c>).
/// </summary>
public sealed class SubscriptionLoader(HttpClient appClient, ILogger<SubscriptionLoader> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    public async Task<IReadOnlyList<Subscription>> LoadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await appClient.GetAsync("dapr/subscribe", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // An app without /dapr/subscribe has no programmatic subscriptions; daprd moves on.
                    logger.LogInformation("The app has no /dapr/subscribe (404): no programmatic subscriptions");
                    return [];
                }

                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    return Parse(body);
                }

                logger.LogWarning("GET /dapr/subscribe answered {Status}; asking again", (int)response.StatusCode);
            }
            catch (HttpRequestException exception)
            {
                logger.LogDebug("GET /dapr/subscribe failed ({Message}); asking again", exception.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("GET /dapr/subscribe timed out; asking again");
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
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
