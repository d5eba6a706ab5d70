using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// The CloudEvent 1.0 envelope daprd wraps published data in (or completes, when the data already is a
/// CloudEvent), with the <c>cloudevent.*</c> metadata overrides the SDKs send.
/// </summary>
public static class CloudEventEnvelope
{
    public const string ContentType = "application/cloudevents+json";
    public const string DefaultType = "com.dapr.event.sent";
    public const string SpecVersion = "1.0";

    /// <summary>daprd's default when a publisher gives no content type.</summary>
    public const string DefaultDataContentType = "text/plain";

    private const string MetadataPrefix = "cloudevent.";

    /// <exception cref="JsonException">The data claims to be a CloudEvent but is not a JSON object.</exception>
    public static JsonObject Wrap(PublishedEvent published)
    {
        var contentType = string.IsNullOrEmpty(published.ContentType) ? DefaultDataContentType : published.ContentType;
        var envelope = IsCloudEvent(contentType)
            ? Complete(published)
            : New(published, contentType);

        envelope["topic"] = published.Topic;
        envelope["pubsubname"] = published.PubSubName;
        ApplyOverrides(envelope, published.Metadata);
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

    private static JsonObject New(PublishedEvent published, string contentType)
    {
        var envelope = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = published.AppId,
            ["type"] = DefaultType,
            ["specversion"] = SpecVersion,
            ["datacontenttype"] = contentType,
            ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        SetTrace(envelope, published);
        SetData(envelope, published.Data, contentType);
        return envelope;
    }

    /// <summary>The publisher's own CloudEvent keeps its id and attributes; daprd only fills in what is missing.</summary>
    private static JsonObject Complete(PublishedEvent published)
    {
        var envelope = JsonNode.Parse(published.Data) as JsonObject
            ?? throw new JsonException("The data is declared application/cloudevents+json but is not a JSON object.");
        envelope["id"] ??= Guid.NewGuid().ToString();
        envelope["source"] ??= published.AppId;
        envelope["type"] ??= DefaultType;
        envelope["specversion"] ??= SpecVersion;
        if (published.TraceParent is not null)
        {
            SetTrace(envelope, published);
        }

        return envelope;
    }

    private static void SetTrace(JsonObject envelope, PublishedEvent published)
    {
        if (published.TraceParent is null)
        {
            return;
        }

        envelope["traceid"] = published.TraceParent;
        envelope["traceparent"] = published.TraceParent;
        envelope["tracestate"] = published.TraceState ?? string.Empty;
    }

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

    /// <summary>
    /// <c>cloudevent.id</c>, <c>cloudevent.source</c>... replace the attribute; any other
    /// <c>cloudevent.&lt;name&gt;</c> becomes an extension attribute.
    /// </summary>
    private static void ApplyOverrides(JsonObject envelope, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (!key.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attribute = key[MetadataPrefix.Length..].ToLowerInvariant();
            if (attribute is "" or "data" or "data_base64" or "topic" or "pubsubname")
            {
                continue;
            }

            envelope[attribute] = value;
            if (attribute == "traceparent")
            {
                envelope["traceid"] = value;
            }
        }
    }

    private static string MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
    }
}
