using System.Text.Json;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace Domain1.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DemoDataTests(PostgresServerFixture postgres)
{
    private static readonly Dictionary<string, string?> DemoOn = new() { [DemoDataSetting.Key] = "true" };

    [Fact]
    public async Task The_demo_data_is_the_same_on_every_first_start_and_published_as_events()
    {
        await using var first = await Domain1Service.StartAsync(postgres, DemoOn);
        await using var second = await Domain1Service.StartAsync(postgres, DemoOn);

        var one = await first.Client.GetStringAsync(Domain1Service.Product1);
        var other = await second.Client.GetStringAsync(Domain1Service.Product1);

        Assert.Equal(one, other);
        Assert.Equal(3, JsonDocument.Parse(one).RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(["Entity1Recorded", "Entity1Recorded", "Entity1Recorded", "Entity1Closed"], (await first.OutboxAsync()).Select(e => e.EventType));
    }
}
