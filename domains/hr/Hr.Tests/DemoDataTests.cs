using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace Hr.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DemoDataTests(PostgresServerFixture postgres)
{
    private static readonly Dictionary<string, string?> DemoOn = new() { [DemoDataSetting.Key] = "true" };

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

    [Fact]
    public async Task Outside_development_the_demo_data_is_written_only_when_the_setting_turns_it_on()
    {
        await using var unset = await HrService.StartAsync(postgres, new Dictionary<string, string?> { [DemoDataSetting.Key] = null }, Environments.Production);
        await using var on = await HrService.StartAsync(postgres, DemoOn, Environments.Production);

        var without = await unset.Client.GetFromJsonAsync<JsonElement>("/api/hr/employees?pageSize=100");
        var with = await on.Client.GetFromJsonAsync<JsonElement>("/api/hr/employees?pageSize=100");

        Assert.Equal(0, without.GetProperty("totalCount").GetInt32());
        Assert.Empty(await unset.OutboxAsync());
        Assert.Equal(12, with.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task In_development_the_demo_data_is_on_unless_the_setting_turns_it_off()
    {
        await using var unset = await HrService.StartAsync(postgres, new Dictionary<string, string?> { [DemoDataSetting.Key] = null });

        Assert.Equal(12, (await unset.Client.GetFromJsonAsync<JsonElement>("/api/hr/employees?pageSize=100")).GetProperty("totalCount").GetInt32());
    }
}
