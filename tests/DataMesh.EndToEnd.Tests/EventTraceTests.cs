using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Xunit.Abstractions;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// One trace from the caller to the consumer's handler, across the event hop, as the services export it over OTLP.
/// daprd keeps a published CloudEvent's trace only when the event carries <c>traceid</c> (components-contrib
/// <c>pubsub/envelope.go</c>, <c>FromCloudEvent</c>); otherwise it writes its publish call's trace over it, which in the
/// relay is no request's. The stand-in does the same, so this fails if the relay leaves <c>traceid</c> out.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class EventTraceTests(LocalMesh mesh, ITestOutputHelper output)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    /// <summary>The services export their spans in batches, one every few seconds.</summary>
    private static readonly TimeSpan Export = TimeSpan.FromSeconds(30);

    /// <summary>HR's demo department Engineering, booked on cost center CC-100.</summary>
    private static readonly Guid Engineering = Guid.Parse("0d000000-0000-4000-8000-000000000100");

    [Fact]
    public async Task The_trace_id_of_a_hire_through_the_gateway_is_on_finances_handler_span()
    {
        using var hr = mesh.Gateway("hr");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var hire = new HttpRequestMessage(HttpMethod.Post, "/api/hr/employees")
        {
            Content = JsonContent.Create(new
            {
                name = "Katherine Johnson", email = $"trace-{Guid.NewGuid():N}@datamesh.example", birthDate = "1988-08-26", title = "Trajectory analyst",
                departmentId = Engineering, monthlySalary = 6900m, hiredOn = "2035-03-01",
            }),
            Headers = { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } },
        };

        var hired = await hr.SendAsync(hire);

        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        var employeeId = (await hired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var eventId = await mesh.ScalarAsync<Guid>("hr-db", "select id from data_product_outbox where partition_key = @key and event_type = 'EmployeeHired'", ("key", employeeId.ToString()));
        var topic = await mesh.ScalarAsync<string>("hr-db", "select topic from data_product_outbox where id = @id", ("id", eventId));
        await Eventually.TrueAsync(
            async () => await mesh.ScalarAsync<long>("finance-db", "select count(*) from data_product_inbox where event_id = @id and input_port = 'employees'", ("id", eventId.ToString())) == 1,
            Propagation,
            () => $"Finance has not applied event {eventId} after {Propagation}.");

        // The caller's trace reaches HR through the gateway, and HR's relay publishes the event in it.
        await mesh.Traces.SpanAsync(span => span is { Service: "gateway", Kind: "Server" } && span.TraceId == traceId, Export, $"of the gateway in trace {traceId}");
        await mesh.Traces.SpanAsync(span => span is { Service: "hr", Kind: "Producer" } && span.Name == $"{topic} publish" && span.TraceId == traceId, Export, $"of HR publishing to {topic} in trace {traceId}");

        // Finance's handling of the event carries the same trace: as its own trace (one delivery), or linked to it (a bulk
        // delivery's processing span links each event's trace, as OpenTelemetry's messaging conventions have batches do).
        var handled = await WaitForHandlerSpanAsync(topic, traceId);
        output.WriteLine($"Finance's handling span: {handled}");
    }

    private async Task<ReceivedSpan> WaitForHandlerSpanAsync(string topic, string traceId)
    {
        bool IsFinanceHandling(ReceivedSpan span) =>
            span is { Service: "finance", Kind: "Consumer" } && span.Name == $"{topic} process";
        try
        {
            return await mesh.Traces.SpanAsync(span => IsFinanceHandling(span) && (span.TraceId == traceId || span.LinkedTraceIds.Contains(traceId)), Export, $"of finance handling {topic} in or linked to trace {traceId}");
        }
        catch (Xunit.Sdk.FailException failure)
        {
            var handling = mesh.Traces.Spans.Where(IsFinanceHandling).TakeLast(5);
            throw new Xunit.Sdk.XunitException($"{failure.Message} Finance's last handling spans: {string.Join("; ", handling)}");
        }
    }
}
