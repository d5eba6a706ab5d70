using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprSidecarStandIn.RuntimeApi;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DaprSidecarStandIn;

/// <summary>
/// An event as a <c>SubscribeTopicEventsAlpha1</c> stream carries it (dapr/dapr <c>pkg/runtime/pubsub/subscriptions.go</c>,
/// <c>GRPCEnvelopeFromSubscriptionMessage</c>): the CloudEvent's <c>id</c>, <c>source</c>, <c>type</c>, <c>specversion</c>
/// and <c>datacontenttype</c> as fields (empty when not strings); <c>data_base64</c> decoded, else <c>data</c> as UTF-8
/// for a text content type (<c>text/*</c>, <c>application/xml</c>) or as JSON for a JSON or CloudEvents content type,
/// else no data; every other attribute (<c>topic</c>, <c>pubsubname</c>, <c>traceparent</c>, <c>time</c>...) in
/// <c>extensions</c>.
/// </summary>
public static class TopicEventMessage
{
    // ExtractCloudEventExtensions leaves out what the fields already carry.
    private static readonly HashSet<string> FieldAttributes = new(StringComparer.Ordinal)
    {
        "id", "source", "datacontenttype", "type", "specversion", "data", "data_base64",
    };

    private static readonly JsonSerializerOptions DataJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="FormatException">The data cannot be carried (daprd: a retriable error).</exception>
    public static TopicEventRequest From(JsonObject cloudEvent, Subscription subscription, string route)
    {
        var message = new TopicEventRequest
        {
            Id = Text(cloudEvent, "id"),
            Source = Text(cloudEvent, "source"),
            Type = Text(cloudEvent, "type"),
            SpecVersion = Text(cloudEvent, "specversion"),
            DataContentType = Text(cloudEvent, "datacontenttype"),
            Topic = subscription.Topic,
            PubsubName = subscription.PubSubName,
            Path = route,
            Data = Data(cloudEvent, Text(cloudEvent, "datacontenttype")),
        };

        var extensions = new JsonObject();
        foreach (var (name, value) in cloudEvent)
        {
            if (!FieldAttributes.Contains(name))
            {
                extensions[name] = value?.DeepClone();
            }
        }

        message.Extensions = JsonParser.Default.Parse<Struct>(extensions.ToJsonString());
        return message;
    }

    private static ByteString Data(JsonObject cloudEvent, string contentType)
    {
        if (cloudEvent["data_base64"] is { } encoded)
        {
            return encoded is JsonValue value && value.TryGetValue<string>(out var base64)
                ? ByteString.FromBase64(base64)
                : throw new FormatException("unexpected data type encountered in envelope");
        }

        if (cloudEvent["data"] is not { } data)
        {
            return ByteString.Empty;
        }

        if (IsText(contentType))
        {
            return data is JsonValue text && text.TryGetValue<string>(out var value)
                ? ByteString.CopyFromUtf8(value)
                : throw new FormatException("unexpected data type encountered in envelope");
        }

        return IsMediaType(contentType, "application/json") || IsMediaType(contentType, CloudEventEnvelope.ContentType)
            ? ByteString.CopyFrom(Encoding.UTF8.GetBytes(data.ToJsonString(DataJson)))
            : ByteString.Empty;
    }

    // components-contrib contenttype/utils.go: IsStringContentType, isContentType.
    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || IsMediaType(contentType, "application/xml");

    private static bool IsMediaType(string contentType, string expected) =>
        string.Equals(contentType.Split(';', 2)[0], expected, StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonObject cloudEvent, string name) => EventDelivery.Text(cloudEvent, name) ?? string.Empty;
}
