using Google.Protobuf;
using Grpc.Core;
using DataMesh.EndToEnd.Tests.Otlp.Collector;
using DataMesh.EndToEnd.Tests.Otlp.Common;

namespace DataMesh.EndToEnd.Tests;

/// <summary>OTLP/gRPC's trace export (<c>TraceService/Export</c>): what the services' OTLP exporters call; every span goes to the receiver.</summary>
internal sealed class OtlpTraceExport(OtlpTraceReceiver receiver) : TraceService.TraceServiceBase
{
    private const string ServiceNameAttribute = "service.name";

    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var service = resourceSpans.Resource?.Attributes.FirstOrDefault(a => a.Key == ServiceNameAttribute) is { } name ? Text(name.Value) : "";
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                receiver.Add(new ReceivedSpan(
                    service,
                    Hex(span.TraceId),
                    Hex(span.SpanId),
                    Hex(span.ParentSpanId),
                    span.Name,
                    span.Kind.ToString(),
                    span.Attributes.GroupBy(a => a.Key).ToDictionary(a => a.Key, a => Text(a.Last().Value)),
                    span.Links.Select(link => Hex(link.TraceId)).ToList()));
            }
        }

        return Task.FromResult(new ExportTraceServiceResponse());
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };
}
