using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

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
}
