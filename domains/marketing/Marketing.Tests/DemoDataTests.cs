using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace Marketing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DemoDataTests(PostgresServerFixture postgres)
{
    private static readonly Dictionary<string, string?> DemoOn = new() { [DemoDataSetting.Key] = "true" };

    [Fact]
    public async Task The_demo_data_is_the_same_on_every_first_start_written_once_and_planned_until_finance_allocates_a_budget()
    {
        await using var first = await MarketingService.StartAsync(postgres, DemoOn);
        await using var second = await MarketingService.StartAsync(postgres, DemoOn);

        var one = await first.Client.GetStringAsync("/api/marketing/campaigns?pageSize=100");
        var other = await second.Client.GetStringAsync("/api/marketing/campaigns?pageSize=100");
        var leads = await first.Client.GetStringAsync("/api/marketing/leads?pageSize=100");

        Assert.Equal(one, other);
        Assert.Equal(leads, await second.Client.GetStringAsync("/api/marketing/leads?pageSize=100"));
        var campaigns = JsonDocument.Parse(one).RootElement;
        Assert.Equal(4, campaigns.GetProperty("totalCount").GetInt32());
        Assert.All(campaigns.GetProperty("items").EnumerateArray(), c => Assert.Equal("planned", c.GetProperty("status").GetString()));
        Assert.Equal(6, JsonDocument.Parse(leads).RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(6, (await first.OutboxAsync()).Count(e => e.EventType == "LeadCaptured"));

        await first.BudgetAsync("demo-budget", Guid.NewGuid(), 30000m);
        var winter = await first.Client.GetAsync("/api/marketing/campaigns/0c000000-0000-4000-8000-000000000001");
        var launched = await first.SendAsync(HttpMethod.Post, "/api/marketing/campaigns/0c000000-0000-4000-8000-000000000001/launch", null, winter.Headers.ETag);
        Assert.Equal("launched", (await launched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_writes_no_demo_data_again()
    {
        var database = await postgres.CreateDatabaseAsync("marketing");
        await using (var first = MarketingService.StartOn(database, DemoOn))
        {
            Assert.Equal(4, (await first.Client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns")).GetProperty("totalCount").GetInt32());
        }

        await using var again = MarketingService.StartOn(database, DemoOn);

        Assert.Equal(4, (await again.Client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns")).GetProperty("totalCount").GetInt32());
        Assert.Equal(6, (await again.OutboxAsync()).Count(e => e.EventType == "LeadCaptured"));
    }
}
