using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>One programmatic subscription as <c>GET /dapr/subscribe</c> answers it to the sidecar.</summary>
internal sealed record DaprSubscription(
    [property: JsonPropertyName("pubsubname")] string PubSubName,
    string Topic,
    string Route,
    string? DeadLetterTopic,
    DaprBulkSubscribe? BulkSubscribe)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Dapr's <c>bulkSubscribe</c> settings of a subscription.</summary>
internal sealed record DaprBulkSubscribe(bool Enabled, int MaxMessagesCount, int MaxAwaitDurationMs);
