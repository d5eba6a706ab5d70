using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>One event of a bulk message: its entry id, the topic record, its offset and its CloudEvent.</summary>
public sealed record BulkEntry(string EntryId, TopicRecord Record, long Offset, JsonObject CloudEvent);
