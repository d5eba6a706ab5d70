using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.DataProducts.SqlPorts.Grants;
using DataMesh.DataProducts.Subscribing;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Tests;

/// <summary>Finance's and HR's events, delivered over HTTP to the input port routes as the Dapr sidecar delivers them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InputPortTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_sidecar_discovers_each_input_port_and_its_replay_topic_with_a_dead_letter_topic()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var subscriptions = await marketing.Client.GetDaprSubscriptionsAsync();

        // Marketing has SQL ports, so it also hears the catalog's grant changes (no dead-letter topic: a nudge only).
        var inputs = subscriptions.EnumerateArray().Where(s => s.GetProperty("topic").GetString() != SqlGrantChanged.Topic).ToList();
        var grants = Assert.Single(subscriptions.EnumerateArray(), s => s.GetProperty("topic").GetString() == SqlGrantChanged.Topic);
        Assert.Equal(SqlGrantChangedDelivery.Route, grants.GetProperty("route").GetString());
        var topics = inputs.ToDictionary(s => s.GetProperty("topic").GetString()!, s => s.GetProperty("route").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["finance.budgets.v1"] = "/dataproducts/marketing.campaigns/inputs/budgets",
            ["hr.headcount.v1"] = "/dataproducts/marketing.campaigns/inputs/headcount",
            // What the catalog replays comes to the same route: through the same inbox.
            ["finance.budgets.v1.marketing.campaigns.replay"] = "/dataproducts/marketing.campaigns/inputs/budgets",
            ["hr.headcount.v1.marketing.campaigns.replay"] = "/dataproducts/marketing.campaigns/inputs/headcount",
        }, topics);
        Assert.All(inputs, s => Assert.EndsWith(".deadletter", s.GetProperty("deadLetterTopic").GetString()));
    }

    [Fact]
    public async Task A_budget_change_replaces_the_allocation_and_a_redelivered_allocation_does_not_bring_it_back()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var budget = Guid.NewGuid();

        var allocated = await marketing.BudgetAsync("evt-allocated", budget, 20000m);
        var changed = await marketing.BudgetAsync("evt-changed", budget, 12000m, eventType: "BudgetChanged");
        var redelivered = await marketing.BudgetAsync("evt-allocated", budget, 20000m);

        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], new[] { allocated, changed, redelivered });
        Assert.Equal(12000m, await BudgetOfQ4Async(marketing));
        await using var db = marketing.Database();
        Assert.Equal(2, await db.Set<InboxEntry>().CountAsync(e => e.InputPort == "budgets"));
        Assert.Equal(12000m, (await db.Budgets.SingleAsync()).Amount);
    }

    [Fact]
    public async Task Only_marketing_budgets_of_the_quarter_count_and_a_budget_moved_to_another_category_stops_counting()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var moved = Guid.NewGuid();
        await marketing.BudgetAsync("a", Guid.NewGuid(), 20000m);
        await marketing.BudgetAsync("b", moved, 5000m);
        await marketing.BudgetAsync("c", Guid.NewGuid(), 7000m, category: "payroll");
        Assert.Equal(25000m, await BudgetOfQ4Async(marketing));

        await marketing.BudgetAsync("d", moved, 5000m, category: "operations", eventType: "BudgetChanged");

        Assert.Equal(20000m, await BudgetOfQ4Async(marketing));
    }

    [Fact]
    public async Task Headcount_keeps_the_latest_figures_of_the_marketing_department_and_a_redelivery_does_not_undo_a_newer_one()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        await marketing.DeliverAsync("headcount", "hc-1", "/dataproducts/hr.headcount", "HeadcountChanged", PlanningApiTests.Figures("Marketing", "2026-11", 3));
        await marketing.DeliverAsync("headcount", "hc-2", "/dataproducts/hr.headcount", "HeadcountChanged", PlanningApiTests.Figures("Engineering", "2026-11", 40));
        await marketing.DeliverAsync("headcount", "hc-3", "/dataproducts/hr.headcount", "HeadcountChanged", PlanningApiTests.Figures("Marketing", "2026-11", 4));
        var redelivered = await marketing.DeliverAsync("headcount", "hc-1", "/dataproducts/hr.headcount", "HeadcountChanged", PlanningApiTests.Figures("Marketing", "2026-11", 3));

        Assert.Equal("SUCCESS", redelivered);
        var plan = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/planning?quarter=2026-Q4");
        Assert.Equal(4, plan.GetProperty("teamSize").GetInt32());
        await using var db = marketing.Database();
        var team = await db.TeamHeadcounts.SingleAsync();
        Assert.Equal(("2026-11", 4), (team.Month, team.Headcount));
    }

    [Fact]
    public async Task An_event_that_breaks_the_upstream_contract_is_dropped_and_changes_nothing()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var status = await marketing.DeliverAsync("budgets", "bad-1", "/dataproducts/finance.budgets", "BudgetAllocated",
            new { budgetId = Guid.NewGuid(), costCenter = "CC-300", fiscalQuarter = "Q4 2026", category = "marketing", amount = 20000m });

        Assert.Equal("DROP", status);
        await using var db = marketing.Database();
        Assert.Empty(await db.Budgets.ToListAsync());
        Assert.Empty(await db.Set<InboxEntry>().ToListAsync());
    }

    private static async Task<decimal> BudgetOfQ4Async(MarketingService marketing) =>
        (await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/planning?quarter=2026-Q4")).GetProperty("budget").GetDecimal();
}
