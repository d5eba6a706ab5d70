using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>A programmatic subscription as the app declared it on <c>/dapr/subscribe</c>.</summary>
public sealed record Subscription(
    string PubSubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultRoute,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    BulkSubscribeSettings? BulkSubscribe)
{
    /// <summary>The first rule that matches, else the default route; null when neither applies (daprd drops the event).</summary>
    public string? RouteFor(JsonObject cloudEvent) =>
        Rules.FirstOrDefault(rule => rule.Matches(cloudEvent))?.Path ?? DefaultRoute;
}
