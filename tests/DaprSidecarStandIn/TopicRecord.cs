using System.Buffers.Binary;
using System.Text;

namespace DaprSidecarStandIn;

/// <summary>
/// One message in a topic log: a CloudEvent's JSON, or with <c>rawPayload</c> the published bytes as
/// they came, plus the partition key (Kafka's message key) and the content type.
/// </summary>
public sealed record TopicRecord(bool IsCloudEvent, string PartitionKey, string ContentType, byte[] Payload)
{
    /// <summary>Body layout: kind byte, then length-prefixed key and content type, then the payload.</summary>
    public byte[] Serialize()
    {
        var key = Encoding.UTF8.GetBytes(PartitionKey);
        var contentType = Encoding.UTF8.GetBytes(ContentType);
        var body = new byte[1 + 4 + key.Length + 4 + contentType.Length + Payload.Length];
        var span = body.AsSpan();
        span[0] = IsCloudEvent ? (byte)1 : (byte)2;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], key.Length);
        key.CopyTo(span[5..]);
        var at = 5 + key.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], contentType.Length);
        contentType.CopyTo(span[(at + 4)..]);
        Payload.CopyTo(span[(at + 4 + contentType.Length)..]);
        return body;
    }

    public static TopicRecord Deserialize(ReadOnlySpan<byte> body)
    {
        var isCloudEvent = body[0] == 1;
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(body[1..]);
        var key = Encoding.UTF8.GetString(body.Slice(5, keyLength));
        var at = 5 + keyLength;
        var contentTypeLength = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        var contentType = Encoding.UTF8.GetString(body.Slice(at + 4, contentTypeLength));
        var payload = body[(at + 4 + contentTypeLength)..].ToArray();
        return new TopicRecord(isCloudEvent, key, contentType, payload);
    }
}
