using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// The <c>traceparent</c> header daprd's app channel sends with a delivery, tracing on (the mesh's Dapr configuration
/// samples every trace). daprd starts a callback span from the event's <c>traceparent</c>, or from its <c>traceid</c> when it
/// has none, and the app channel sends that span's context (dapr/dapr <c>pkg/runtime/subscription/postman/http/http.go</c>,
/// <c>Deliver</c>; <c>pkg/channel/http/http_channel.go</c>, <c>InvokeMethod</c>). The stand-in has no spans of its own, so the
/// event's context goes as it is (same trace, same parent); a trace string that does not parse starts a new trace, as a
/// span without a valid parent does. The parsed context carries no trace state (<c>pkg/diagnostics/tracing.go</c>,
/// <c>SpanContextFromW3CString</c>), so daprd sends no <c>tracestate</c> header with a delivery.
/// </summary>
public static class DeliveryTrace
{
    /// <summary>The header for one event, or null when the event's trace field is absent or not a string (daprd skips tracing).</summary>
    public static string? Of(JsonObject cloudEvent) =>
        (cloudEvent["traceparent"] ?? cloudEvent["traceid"]) is JsonValue value && value.TryGetValue<string>(out var trace)
            ? ActivityContext.TryParse(trace, null, out _) ? trace : NewTrace()
            : null;

    /// <summary>
    /// The header for a bulk of events: <c>DeliverBulk</c> starts a span per entry in turn, each replacing the last in the
    /// call's context, so the request carries the context of the last entry that has a trace.
    /// </summary>
    public static string? Of(IEnumerable<JsonObject> cloudEvents) => cloudEvents.Select(Of).LastOrDefault(trace => trace is not null);

    private static string NewTrace() => $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
}
