using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.EndToEnd.Tests;

/// <summary>The demo traffic generator acts on the mesh through the gateway, like a user.</summary>
[Collection(DemoTrafficMesh.Collection)]
public sealed class DemoTrafficTests(DemoTrafficMesh mesh)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Hires_people_and_records_expenses_that_other_domains_then_see()
    {
        using var hr = mesh.Gateway("hr");
        using var finance = mesh.Gateway("finance");
        Guid? demoHire = null;

        await Eventually.TrueAsync(
            async () =>
            {
                var employees = await hr.GetFromJsonAsync<JsonElement>("/api/hr/employees?pageSize=100");
                demoHire = employees.GetProperty("items").EnumerateArray()
                    .Where(e => e.GetProperty("email").GetString()!.EndsWith("@demo.datamesh.example", StringComparison.Ordinal))
                    .Select(e => (Guid?)e.GetProperty("id").GetGuid())
                    .FirstOrDefault();
                return demoHire is not null;
            },
            Patience,
            () => $"No employee hired by the demo traffic after {Patience}.");

        await Eventually.TrueAsync(
            async () => (await finance.GetFromJsonAsync<JsonElement>($"/api/finance/payroll/employees/{demoHire}")).GetArrayLength() > 0,
            Patience,
            () => $"Finance has no payroll for the demo hire {demoHire} after {Patience}.");
    }

    /// <summary>
    /// Issue 16: in a fresh mesh the domains register their products while the catalog already runs, after its sidecar read
    /// what to deliver, so the catalog must subscribe as products arrive (streaming subscriptions), not from <c>/dapr/subscribe</c>.
    /// Every product whose events the traffic (and the domains' demo data) sent shows events in the last hour within a minute,
    /// with nothing restarted.
    /// </summary>
    [Fact]
    public async Task Within_a_minute_the_catalog_shows_events_in_the_last_hour_for_every_product_the_traffic_touches()
    {
        var within = TimeSpan.FromSeconds(60);
        using var catalog = mesh.Gateway();
        IReadOnlyList<string> touched = [];
        var unobserved = new List<string>();

        await Eventually.TrueAsync(
            async () =>
            {
                // Products with an event handed to their sidecar a few seconds ago or more: the catalog has had time to record it.
                touched = await SentProductsAsync(TimeSpan.FromSeconds(3));
                unobserved.Clear();
                foreach (var product in touched)
                {
                    using var response = await catalog.GetAsync($"/api/catalog/v1/products/{product}");
                    if (!response.IsSuccessStatusCode
                        || (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("observed").GetProperty("eventsLastHour").GetInt64() == 0)
                    {
                        unobserved.Add(product);
                    }
                }

                // The traffic hires from its first rounds: hr.employees is always among them.
                return touched.Contains("hr.employees") && unobserved.Count == 0;
            },
            within,
            () => $"After {within} the catalog shows no event in the last hour for [{string.Join(", ", unobserved)}] of the products that sent events [{string.Join(", ", touched)}].");
    }

    private async Task<IReadOnlyList<string>> SentProductsAsync(TimeSpan ago)
    {
        var products = new List<string>();
        foreach (var domain in LocalMesh.Domains)
        {
            await using var connection = new NpgsqlConnection(await mesh.App.GetConnectionStringAsync($"{domain}-db"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select distinct data_product_id from data_product_outbox where sent_at < now() - @ago", connection);
            command.Parameters.AddWithValue("ago", ago);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                products.Add(reader.GetString(0));
            }
        }

        return products;
    }
}
