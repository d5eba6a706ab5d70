using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Hr.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DemoDataTests(PostgresServerFixture postgres)
{
    private static readonly Dictionary<string, string?> DemoOn = new() { ["DemoData:Enabled"] = "true" };

    [Fact]
    public async Task The_demo_data_is_the_same_on_every_first_start_and_written_once()
    {
        await using var first = await HrService.StartAsync(postgres, DemoOn);
        await using var second = await HrService.StartAsync(postgres, DemoOn);

        var one = await first.Client.GetStringAsync("/api/hr/employees?pageSize=100");
        var other = await second.Client.GetStringAsync("/api/hr/employees?pageSize=100");

        Assert.Equal(one, other);
        Assert.Equal(12, JsonDocument.Parse(one).RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(12, (await first.OutboxAsync()).Count(e => e.EventType == "EmployeeHired"));
        Assert.Equal(4, (await first.Client.GetFromJsonAsync<JsonElement>("/api/hr/departments")).GetArrayLength());
    }
}
