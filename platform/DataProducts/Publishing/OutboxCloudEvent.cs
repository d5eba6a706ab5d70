using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// An outbox row as the sidecar receives it: a complete CloudEvent (<c>application/cloudevents+json</c>), which
/// daprd passes on with its id, type, extensions and trace (daprd ignores <c>cloudevent.*</c> metadata for a CloudEvent),
/// and the partition key as publish metadata.
/// </summary>
internal sealed record OutboxCloudEvent(OutboxEvent Row, byte[] Envelope, Dictionary<string, string> Metadata)
{
    /// <param name="publishing">The relay's publish activity of the row, whose context the event carries on.</param>
    public static OutboxCloudEvent For(OutboxEvent row, Activity? publishing)
    {
        var traceParent = publishing?.Id ?? row.TraceParent;
        var traceState = publishing?.TraceStateString ?? row.TraceState;
        var attributes = new Dictionary<string, string>
        {
            ["id"] = row.Id.ToString(),
            ["source"] = CloudEventAttributes.Source(row.DataProductId),
            ["type"] = row.EventType,
            ["subject"] = row.PartitionKey,
            [CloudEventAttributes.DataProduct] = row.DataProductId,
            [CloudEventAttributes.ContractId] = row.ContractId,
            [CloudEventAttributes.ContractVersion] = row.ContractVersion,
        };
        if (traceParent is not null)
        {
            attributes[CloudEventAttributes.TraceParent] = traceParent;
            attributes[CloudEventAttributes.TraceId] = traceParent;
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            attributes[CloudEventAttributes.TraceState] = traceState;
        }

        // Written directly, the data as the validated text it is stored as (no parse and re-serialize per event).
        var envelope = new ArrayBufferWriter<byte>(row.Data.Length + 512);
        var metadata = new Dictionary<string, string> { [CloudEventAttributes.PartitionKeyMetadata] = row.PartitionKey };
        using (var writer = new Utf8JsonWriter(envelope))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            foreach (var (name, value) in attributes)
            {
                writer.WriteString(name, value);
            }

            writer.WriteString("time", row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("datacontenttype", "application/json");
            writer.WritePropertyName("data");
            writer.WriteRawValue(row.Data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return new OutboxCloudEvent(row, envelope.WrittenSpan.ToArray(), metadata);
    }
}
