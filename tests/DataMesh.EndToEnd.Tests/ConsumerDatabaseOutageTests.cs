using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// A consumer whose database goes away for a while loses nothing: the deliveries it refuses meanwhile (RETRY) are
/// retried under the mesh's Resiliency, and its sidecar's app health check pauses delivery, instead of daprd moving
/// them to the dead-letter topic at the first RETRY.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class ConsumerDatabaseOutageTests(LocalMesh mesh)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BetweenHires = TimeSpan.FromMilliseconds(700);

    /// <summary>The inbound Resiliency retries for about two minutes; the app health check resumes within seconds of the database.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    /// <summary>HR's demo department Engineering, booked on cost center CC-100.</summary>
    private static readonly Guid Engineering = Guid.Parse("0d000000-0000-4000-8000-000000000100");

    /// <summary>The stand-in's counters on its metrics port (tests/DaprSidecarStandIn/README.md).</summary>
    private const string RetriedCounter = "dapr_standin_pubsub_retried_total";

    private const string DeadLetteredCounter = "dapr_standin_pubsub_dead_lettered_total";

    [Fact]
    public async Task Finances_database_down_for_20_s_while_hires_keep_coming_dead_letters_none_and_applies_each_once_when_back()
    {
        using var hr = mesh.Gateway("hr");
        using var finance = mesh.Gateway("finance");
        var financeDb = new NpgsqlConnectionStringBuilder(await mesh.App.GetConnectionStringAsync("finance-db"));
        var retriedBefore = await FinanceSidecarCounterAsync(RetriedCounter);
        var deadLetteredBefore = await FinanceSidecarCounterAsync(DeadLetteredCounter);

        var hired = new List<Guid>();
        await using (await DatabaseOutage.BeginAsync(await mesh.App.GetConnectionStringAsync("postgres") ?? "", financeDb.Database!))
        {
            // The outage is real: finance's own role cannot reach its database.
            await using (var refused = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(financeDb.ConnectionString) { Pooling = false }.ConnectionString))
            {
                Assert.Equal(PostgresErrorCodes.ObjectNotInPrerequisiteState, (await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync())).SqlState);
            }

            var back = DateTime.UtcNow + Outage;
            for (var month = 1; DateTime.UtcNow < back; month++)
            {
                hired.Add(await HireAsync(hr, month));
                await Task.Delay(BetweenHires);
            }
        }

        // Each hire's event, as HR's transaction wrote it to its outbox.
        var eventIds = new List<string>();
        foreach (var employee in hired)
        {
            eventIds.Add((await mesh.ScalarAsync<Guid>("hr-db", "select id from data_product_outbox where partition_key = @key and event_type = 'EmployeeHired'", ("key", employee.ToString()))).ToString());
        }

        var applied = 0L;
        await Eventually.TrueAsync(
            async () => (applied = await mesh.ScalarAsync<long>("finance-db", "select count(*) from data_product_inbox where input_port = 'employees' and event_id = any(@ids)", ("ids", eventIds.ToArray()))) == eventIds.Count,
            Recovery,
            () => $"Finance applied {applied} of the {eventIds.Count} hires made while its database was down, {Recovery} after it came back.");

        // Finance refused deliveries while its database was away (so the Resiliency was what kept them), and none went to a dead-letter topic.
        Assert.True(await FinanceSidecarCounterAsync(RetriedCounter) > retriedBefore, "Finance's sidecar retried nothing: no event reached finance while its database was down, so the outage tested nothing.");
        Assert.Equal(deadLetteredBefore, await FinanceSidecarCounterAsync(DeadLetteredCounter));
        Assert.Equal(0L, await mesh.ScalarAsync<long>("catalog-db", "select count(*) from dead_letters where \"EventId\" = any(@ids)", ("ids", eventIds.ToArray())));

        // Applied once each: one payroll line per hire in finance.
        foreach (var employee in hired)
        {
            var lines = await finance.GetFromJsonAsync<JsonElement>($"/api/finance/payroll/employees/{employee}");
            Assert.Equal(1, lines.GetArrayLength());
        }
    }

    private static async Task<Guid> HireAsync(HttpClient hr, int month)
    {
        var hired = await hr.PostAsJsonAsync("/api/hr/employees", new
        {
            name = "Grace Hopper", email = $"outage-{Guid.NewGuid():N}@datamesh.example", birthDate = "1986-12-09", title = "Compiler engineer",
            departmentId = Engineering, monthlySalary = 6100m, hiredOn = new DateOnly(2034, 1, 2).AddMonths(month).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        return (await hired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A counter of finance's sidecar, read from its metrics port.</summary>
    private async Task<long> FinanceSidecarCounterAsync(string counter)
    {
        using var metrics = new HttpClient { BaseAddress = mesh.App.GetEndpoint("finance-dapr", DaprSidecarResource.MetricsEndpointName) };
        var text = await metrics.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(counter + "{", StringComparison.Ordinal));
        return long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
