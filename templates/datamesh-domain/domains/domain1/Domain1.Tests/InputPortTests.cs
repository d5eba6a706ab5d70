using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.DataProducts.SqlPorts.Grants;
using DataMesh.DataProducts.Subscribing;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace Domain1.Tests;

/// <summary>The upstream's events, delivered over HTTP to the input port's route as the Dapr sidecar delivers them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InputPortTests(PostgresServerFixture postgres)
{
//#if (consumesHeadcount)
    private const string InputPort = "headcount";
    private const string Topic = "hr.headcount.v1";
    private const string Source = "/dataproducts/hr.headcount";

    private static object Figures(string department, string month, int headcount) => new { department, month, headcount, hires = 1, leavers = 0 };
//#endif
//#if (consumesBudgets)
    private const string InputPort = "budgets";
    private const string Topic = "finance.budgets.v1";
    private const string Source = "/dataproducts/finance.budgets";

    private static object Budget(Guid budgetId, decimal amount, string fiscalQuarter = "2026-Q4") => new { budgetId, costCenter = "CC-300", fiscalQuarter, category = "marketing", amount };
//#endif

    [Fact]
    public async Task The_sidecar_discovers_the_input_port_and_its_replay_topic_with_a_dead_letter_topic()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var all = (await domain1.Client.GetDaprSubscriptionsAsync()).EnumerateArray().ToList();

        // The product has a SQL port, so the domain also hears the catalog's grant changes (no dead-letter topic: a nudge only).
        var grants = Assert.Single(all, s => s.GetProperty("topic").GetString() == SqlGrantChanged.Topic);
        Assert.Equal(SqlGrantChangedDelivery.Route, grants.GetProperty("route").GetString());
        var subscriptions = all.Where(s => s.GetProperty("topic").GetString() != SqlGrantChanged.Topic).ToList();

        // The catalog replays dead letters on the replay topic: to the same route, so through the same inbox.
        Assert.Equal([Topic, $"{Topic}.domain1.product1.replay"], subscriptions.Select(s => s.GetProperty("topic").GetString()));
        Assert.All(subscriptions, s => Assert.Equal($"/dataproducts/domain1.product1/inputs/{InputPort}", s.GetProperty("route").GetString()));
        Assert.All(subscriptions, s => Assert.EndsWith(".deadletter", s.GetProperty("deadLetterTopic").GetString()));
    }
//#if (consumesHeadcount)

    [Fact]
    public async Task The_latest_figures_are_kept_and_a_redelivery_does_not_undo_a_newer_one()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var statuses = new[]
        {
            await domain1.DeliverAsync(InputPort, "hc-1", Source, "HeadcountChanged", Figures("Marketing", "2026-11", 3)),
            await domain1.DeliverAsync(InputPort, "hc-2", Source, "HeadcountChanged", Figures("Marketing", "2026-11", 4)),
            await domain1.DeliverAsync(InputPort, "hc-1", Source, "HeadcountChanged", Figures("Marketing", "2026-11", 3)),
        };

        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], statuses);
        var team = Assert.Single((await domain1.Client.GetFromJsonAsync<JsonElement>("/api/domain1/headcount")).EnumerateArray());
        Assert.Equal(4, team.GetProperty("headcount").GetInt32());
        await using var db = domain1.Database();
        Assert.Equal(2, await db.Set<InboxEntry>().CountAsync());
    }

    [Fact]
    public async Task An_event_that_breaks_the_upstream_contract_is_dropped_and_changes_nothing()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var status = await domain1.DeliverAsync(InputPort, "bad-1", Source, "HeadcountChanged", Figures("Marketing", "November", 3));

        Assert.Equal("DROP", status);
        await using var db = domain1.Database();
        Assert.Empty(await db.TeamHeadcounts.ToListAsync());
        Assert.Empty(await db.Set<InboxEntry>().ToListAsync());
    }
//#endif
//#if (consumesBudgets)

    [Fact]
    public async Task A_change_replaces_the_allocation_and_a_redelivered_allocation_does_not_bring_it_back()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);
        var budget = Guid.NewGuid();

        var statuses = new[]
        {
            await domain1.DeliverAsync(InputPort, "allocated", Source, "BudgetAllocated", Budget(budget, 20000m)),
            await domain1.DeliverAsync(InputPort, "changed", Source, "BudgetChanged", Budget(budget, 12000m)),
            await domain1.DeliverAsync(InputPort, "allocated", Source, "BudgetAllocated", Budget(budget, 20000m)),
        };

        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], statuses);
        var kept = Assert.Single((await domain1.Client.GetFromJsonAsync<JsonElement>("/api/domain1/budgets")).EnumerateArray());
        Assert.Equal(12000m, kept.GetProperty("amount").GetDecimal());
        await using var db = domain1.Database();
        Assert.Equal(2, await db.Set<InboxEntry>().CountAsync());
    }

    [Fact]
    public async Task An_event_that_breaks_the_upstream_contract_is_dropped_and_changes_nothing()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var status = await domain1.DeliverAsync(InputPort, "bad-1", Source, "BudgetAllocated", Budget(Guid.NewGuid(), 20000m, fiscalQuarter: "Q4 2026"));

        Assert.Equal("DROP", status);
        await using var db = domain1.Database();
        Assert.Empty(await db.Budgets.ToListAsync());
        Assert.Empty(await db.Set<InboxEntry>().ToListAsync());
    }
//#endif
}
