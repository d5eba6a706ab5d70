using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// The CloudEvent 1.0 envelope daprd wraps published data in, or completes when the data already is a CloudEvent
/// (dapr/dapr <c>pkg/runtime/pubsub/cloudevents.go</c>, components-contrib <c>pubsub/envelope.go</c>).
/// </summary>
public static class CloudEventEnvelope
{
    public const string ContentType = "application/cloudevents+json";
    public const string DefaultType = "com.dapr.event.sent";
    public const string SpecVersion = "1.0";

    /// <summary>daprd's default when a publisher gives no content type.</summary>
    public const string DefaultDataContentType = "text/plain";

    /// <summary>daprd's <c>source</c> for a publisher's own CloudEvent that names none.</summary>
    public const string DefaultSource = "Dapr";

    private const string MetadataPrefix = "cloudevent.";

    /// <summary>The attributes <c>cloudevent.*</c> metadata may set on data daprd wraps; any other name is ignored.</summary>
    private static readonly string[] Overridable = ["id", "source", "type", "subject", "traceid", "tracestate", "traceparent"];

    /// <exception cref="JsonException">The data claims to be a CloudEvent but is not a JSON object.</exception>
    public static JsonObject Wrap(PublishedEvent published)
    {
        var contentType = string.IsNullOrEmpty(published.ContentType) ? DefaultDataContentType : published.ContentType;
        var envelope = IsCloudEvent(contentType)
            ? Complete(published)
            : New(published, contentType);

        envelope["topic"] = published.Topic;
        envelope["pubsubname"] = published.PubSubName;
        return envelope;
    }

    /// <summary>
    /// An envelope for a message published with <c>rawPayload</c>, made when it is delivered, as daprd does
    /// for raw messages: the bytes travel base64-encoded.
    /// </summary>
    public static JsonObject ForRawPayload(TopicRecord record, string id, string topic, string pubsubName) => new()
    {
        ["id"] = id,
        ["source"] = pubsubName,
        ["type"] = DefaultType,
        ["specversion"] = SpecVersion,
        ["datacontenttype"] = string.IsNullOrEmpty(record.ContentType) ? "application/octet-stream" : record.ContentType,
        ["data_base64"] = Convert.ToBase64String(record.Payload),
        ["topic"] = topic,
        ["pubsubname"] = pubsubName,
    };

    public static bool IsCloudEvent(string? contentType) =>
        contentType is not null && MediaType(contentType).Equals(ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// New data gets daprd's attributes, of which <c>cloudevent.id</c>, <c>source</c>, <c>type</c>, <c>subject</c>,
    /// <c>traceid</c>, <c>tracestate</c> and <c>traceparent</c> metadata (any case) override one; a <c>traceparent</c>
    /// override wins over <c>traceid</c> and sets both.
    /// </summary>
    private static JsonObject New(PublishedEvent published, string contentType)
    {
        var overrides = Overrides(published.Metadata);
        var trace = overrides.GetValueOrDefault("traceparent") ?? overrides.GetValueOrDefault("traceid") ?? published.TraceParent;
        var envelope = new JsonObject
        {
            ["id"] = overrides.GetValueOrDefault("id") ?? Guid.NewGuid().ToString(),
            ["source"] = overrides.GetValueOrDefault("source") ?? published.AppId,
            ["type"] = overrides.GetValueOrDefault("type") ?? DefaultType,
            ["specversion"] = SpecVersion,
            ["datacontenttype"] = contentType,
            ["time"] = Now(),
            ["traceid"] = trace ?? string.Empty,
            ["traceparent"] = trace ?? string.Empty,
            ["tracestate"] = overrides.GetValueOrDefault("tracestate") ?? published.TraceState ?? string.Empty,
        };
        if (overrides.GetValueOrDefault("subject") is { } subject)
        {
            envelope["subject"] = subject;
        }

        SetData(envelope, published.Data, contentType);
        return envelope;
    }

    /// <summary>
    /// The publisher's own CloudEvent is kept as it is (metadata overrides do not apply): daprd adds <c>time</c>,
    /// <c>source</c>, <c>type</c> and <c>specversion</c> where missing, and keeps the event's trace only when it carries
    /// <c>traceid</c>, otherwise its publish call's trace replaces <c>traceid</c> and <c>traceparent</c>.
    /// </summary>
    private static JsonObject Complete(PublishedEvent published)
    {
        var envelope = JsonNode.Parse(published.Data) as JsonObject
            ?? throw new JsonException("The data is declared application/cloudevents+json but is not a JSON object.");
        envelope["time"] ??= Now();
        if (!envelope.ContainsKey("traceid"))
        {
            envelope["traceid"] = published.TraceParent ?? string.Empty;
            envelope["traceparent"] = published.TraceParent ?? string.Empty;
        }

        if (!envelope.ContainsKey("tracestate"))
        {
            envelope["tracestate"] = published.TraceState ?? string.Empty;
        }

        envelope["source"] ??= DefaultSource;
        envelope["type"] ??= DefaultType;
        envelope["specversion"] ??= SpecVersion;
        return envelope;
    }

    private static Dictionary<string, string> Overrides(IReadOnlyDictionary<string, string> metadata)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (key.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase)
                && key[MetadataPrefix.Length..].ToLowerInvariant() is var attribute
                && Overridable.Contains(attribute)
                && value.Length > 0)
            {
                overrides[attribute] = value;
            }
        }

        return overrides;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static void SetData(JsonObject envelope, byte[] data, string contentType)
    {
        var mediaType = MediaType(contentType);
        if (mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            envelope["data"] = data.Length == 0 ? null : JsonNode.Parse(data);
        }
        else if (mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("xml", StringComparison.OrdinalIgnoreCase))
        {
            envelope["data"] = Encoding.UTF8.GetString(data);
        }
        else
        {
            envelope["data_base64"] = Convert.ToBase64String(data);
        }
    }

    private static string MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
    }
}
