namespace DataMesh.EndToEnd.Tests;

/// <summary>One span as a service exported it over OTLP, with the service that sent it (its resource's <c>service.name</c>).</summary>
/// <param name="TraceId">32 lower-case hex digits, as in a W3C <c>traceparent</c>.</param>
/// <param name="LinkedTraceIds">The trace ids of the span's links (a bulk delivery's processing span links each event's trace).</param>
public sealed record ReceivedSpan(
    string Service,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    string Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> LinkedTraceIds)
{
    public override string ToString() =>
        $"{Service}: {Kind} '{Name}' trace {TraceId} span {SpanId} parent {ParentSpanId}"
        + (LinkedTraceIds.Count > 0 ? $" linked to {string.Join(", ", LinkedTraceIds)}" : "");
}
