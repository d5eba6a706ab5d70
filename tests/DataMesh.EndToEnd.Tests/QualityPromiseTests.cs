using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// A quality rule of a sample product kept as a promise in the running mesh: HR's own scheduled rules
/// (ScheduledQualityRules, every <see cref="LocalMesh.QualityInterval"/> here) run on its live database and are reported
/// to the catalog; a row that breaks one makes the catalog show hr.employees' promise breached (its facts, its quality
/// section, the breached-promises list), and the row mended, the next passing run clears it.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class QualityPromiseTests(LocalMesh mesh)
{
    private const string Product = "hr.employees";

    /// <summary>HR's sql rule: no one's last day is before their first (employees.odcs.yaml).</summary>
    private const string Rule = "leavers-left-after-hire";

    /// <summary>HR's demo department Engineering, booked on cost center CC-100.</summary>
    private static readonly Guid EngineeringDepartment = Guid.Parse("0d000000-0000-4000-8000-000000000100");

    /// <summary>Several runs and reports: the interval, the report, and a loaded machine.</summary>
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_scheduled_rule_failing_on_live_data_shows_as_a_breached_promise_in_the_catalog_until_a_passing_run_clears_it()
    {
        using var hr = mesh.Gateway("hr");
        using var catalog = mesh.Gateway();
        var hired = await hr.PostAsJsonAsync("/api/hr/employees", new
        {
            name = "Barbara Liskov", email = $"barbara-{Guid.NewGuid():N}@datamesh.example", birthDate = "1939-11-07", title = "Auditor",
            departmentId = EngineeringDepartment, monthlySalary = 6100m, hiredOn = "2041-03-01",
        });
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        var employee = (await hired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await UntilRuleAsync(catalog, "passed", "HR's rule to pass before the data breaks it");

        try
        {
            // A last day before the first, written in HR's database as no command of HR's API would.
            await ExecuteAsync("""UPDATE employees SET "LastDay" = "HiredOn" - 1 WHERE "Id" = @id""", employee);

            var broken = await UntilRuleAsync(catalog, "failed", "the rule's failed run on the live data to reach the catalog");
            Assert.Equal(1m, broken.Rule.GetProperty("last").GetProperty("measuredValue").GetDecimal());
            Assert.Equal("sql", broken.Rule.GetProperty("kind").GetString());
            Assert.False(broken.Facts.GetProperty("observed").GetProperty("qualityKept").GetBoolean());
            Assert.True(broken.Facts.GetProperty("observed").GetProperty("breached").GetBoolean());
            var row = await BreachRowAsync(catalog);
            Assert.True(row?.Contains("rules did not pass", StringComparison.Ordinal) == true, $"The breached promises list shows no failed rule of {Product}: {row ?? "no row"}");
            Assert.Contains($"<code>{Rule}</code>", await catalog.GetStringAsync($"/products/{Product}"), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("""UPDATE employees SET "LastDay" = NULL WHERE "Id" = @id""", employee);
        }

        var mended = await UntilRuleAsync(catalog, "passed", "a passing run to clear the breach");
        Assert.Contains("failed", mended.Rule.GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.True(mended.Facts.GetProperty("observed").GetProperty("qualityKept").GetBoolean());
        var cleared = await BreachRowAsync(catalog);
        Assert.True(cleared is null || !cleared.Contains("rules did not pass", StringComparison.Ordinal), $"The breached promises list still shows a failed rule of {Product}: {cleared}");
    }

    /// <summary>Waits until the catalog's facts of hr.employees show <see cref="Rule"/>'s last run with <paramref name="outcome"/>; the facts and the rule then.</summary>
    private static async Task<(JsonElement Facts, JsonElement Rule)> UntilRuleAsync(HttpClient catalog, string outcome, string what)
    {
        (JsonElement Facts, JsonElement Rule)? seen = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var facts = await catalog.GetFromJsonAsync<JsonElement>($"/api/catalog/v1/products/{Product}");
                var rule = facts.GetProperty("quality").EnumerateArray().FirstOrDefault(r => r.GetProperty("ruleId").GetString() == Rule);
                seen = (facts, rule);
                return rule.ValueKind == JsonValueKind.Object && rule.GetProperty("last").GetProperty("outcome").GetString() == outcome;
            },
            Observed,
            () => $"Waited {Observed} for {what}; the catalog's quality of {Product}: {(seen is { } s ? s.Facts.GetProperty("quality").ToString() : "not read")}.");
        return seen!.Value;
    }

    /// <summary>hr.employees' row of the catalog's breached-promises list, null when it is not listed.</summary>
    private static async Task<string?> BreachRowAsync(HttpClient catalog)
    {
        var page = await catalog.GetStringAsync("/breaches");
        var link = page.IndexOf($"href=\"/products/{Product}\"", StringComparison.Ordinal);
        if (link < 0)
        {
            return null;
        }

        var end = page.IndexOf("</tr>", link, StringComparison.Ordinal);
        return page[link..end];
    }

    private async Task ExecuteAsync(string sql, Guid employee)
    {
        await using var connection = new NpgsqlConnection(await mesh.App.GetConnectionStringAsync("hr-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", employee);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
