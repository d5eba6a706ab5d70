using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// An outbox row as the sidecar receives it: a complete CloudEvent (<c>application/cloudevents+json</c>), which
/// daprd passes on with its id, type and extensions, and the publish metadata (the partition key, and the
/// <c>cloudevent.*</c> attributes for sidecars that build the envelope themselves).
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
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            attributes[CloudEventAttributes.TraceState] = traceState;
        }

        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["time"] = row.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = JsonNode.Parse(row.Data),
        };
        var metadata = new Dictionary<string, string> { [CloudEventAttributes.PartitionKeyMetadata] = row.PartitionKey };
        foreach (var (name, value) in attributes)
        {
            envelope[name] = value;
            metadata[CloudEventAttributes.MetadataPrefix + name] = value;
        }

        return new OutboxCloudEvent(row, JsonSerializer.SerializeToUtf8Bytes(envelope), metadata);
    }
}
