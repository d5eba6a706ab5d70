using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.Catalog.Observations.Streaming;
using Google.Protobuf;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// The CloudEvent a streamed message was cut from, put back together as one JSON object (the form the recording code
/// reads): daprd sends <c>id</c>, <c>source</c>, <c>type</c>, <c>specversion</c> and <c>datacontenttype</c> as fields, every
/// other attribute as an extension, and JSON data as its text (dapr/dapr <c>pkg/runtime/pubsub/subscriptions.go</c>,
/// <c>GRPCEnvelopeFromSubscriptionMessage</c>).
/// </summary>
internal static class ObservedCloudEvent
{
    /// <exception cref="JsonException">The data is said to be JSON and is not.</exception>
    public static JsonElement From(TopicMessage message)
    {
        var cloudEvent = new JsonObject();
        foreach (var (name, value) in message.Extensions)
        {
            cloudEvent[name] = JsonNode.Parse(JsonFormatter.Default.Format(value));
        }

        cloudEvent["id"] = message.Id;
        cloudEvent["source"] = message.Source;
        cloudEvent["type"] = message.Type;
        cloudEvent["specversion"] = message.SpecVersion;
        cloudEvent["datacontenttype"] = message.DataContentType;
        if (!message.Data.IsEmpty)
        {
            cloudEvent["data"] = message.DataContentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? JsonNode.Parse(message.Data.Span)
                : System.Text.Encoding.UTF8.GetString(message.Data.Span);
        }

        return JsonSerializer.SerializeToElement(cloudEvent);
    }
}
