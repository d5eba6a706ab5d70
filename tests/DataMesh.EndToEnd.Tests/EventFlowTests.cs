using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// Writes through the gateway in one domain and sees them in the domains subscribed to its data products:
/// outbox, relay, sidecar, topic, sidecar, inbox, all real except daprd's stand-in.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class EventFlowTests(LocalMesh mesh)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    /// <summary>HR's demo department Engineering, booked on cost center CC-100.</summary>
    private static readonly Guid Engineering = Guid.Parse("0d000000-0000-4000-8000-000000000100");

    [Fact]
    public async Task A_hire_through_the_gateway_starts_payroll_costs_in_finance_and_lands_in_its_inbox_in_the_callers_trace()
    {
        using var hr = mesh.Gateway("hr");
        using var finance = mesh.Gateway("finance");
        var email = $"e2e-{Guid.NewGuid():N}@datamesh.example";

        // The caller's trace: the gateway carries it to HR, and HR's event carries it on.
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var hire = new HttpRequestMessage(HttpMethod.Post, "/api/hr/employees")
        {
            Content = JsonContent.Create(new
            {
                name = "Margaret Hamilton", email, birthDate = "1986-08-17", title = "Flight software engineer",
                departmentId = Engineering, monthlySalary = 7300m, hiredOn = "2026-11-02",
            }),
            Headers = { { "traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01" } },
        };

        var hired = await hr.SendAsync(hire);

        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        var employeeId = (await hired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement lines = default;
        await Eventually.TrueAsync(
            async () =>
            {
                lines = await finance.GetFromJsonAsync<JsonElement>($"/api/finance/payroll/employees/{employeeId}");
                return lines.GetArrayLength() > 0;
            },
            Propagation,
            () => $"Finance has no payroll line for employee {employeeId} after {Propagation}.");
        var line = Assert.Single(lines.EnumerateArray());
        Assert.Equal(("CC-100", 7300m, "2026-11-01"), (line.GetProperty("costCenter").GetString(), line.GetProperty("monthlyAmount").GetDecimal(), line.GetProperty("fromMonth").GetString()));

        // The very event HR's transaction wrote to its outbox is the one recorded in finance's inbox.
        var eventId = await mesh.ScalarAsync<Guid>("hr-db", $"select id from data_product_outbox where partition_key = '{employeeId}' and event_type = 'EmployeeHired'");
        var eventTrace = await mesh.ScalarAsync<string>("hr-db", $"select traceparent from data_product_outbox where id = '{eventId}'");
        Assert.Equal(traceId, eventTrace.Split('-')[1]);
        var applied = await mesh.ScalarAsync<long>("finance-db", $"select count(*) from data_product_inbox where event_id = '{eventId}' and input_port = 'employees'");
        Assert.Equal(1, applied);
    }
}
