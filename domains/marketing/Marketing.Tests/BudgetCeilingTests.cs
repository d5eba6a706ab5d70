using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Marketing.Tests;

/// <summary>The quarter's marketing budget, known from finance's events, is the ceiling of launches and spend.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BudgetCeilingTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Without_a_budget_a_launch_is_refused_saying_nothing_remains()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var (location, planned) = await marketing.PlanAsync(MarketingService.Plan(budgetCap: 8000m));

        var response = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, planned);

        var problem = await AssertRefusedAsync(response, "budgetCap", remaining: 0m);
        Assert.Contains("0.00 EUR remains", problem.GetProperty("detail").GetString());
        Assert.Equal("planned", (await marketing.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
        Assert.Empty(await marketing.OutboxAsync());
    }

    [Fact]
    public async Task A_launch_whose_cap_exceeds_what_the_quarter_has_not_committed_is_refused_with_the_remaining_amount()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("q4-marketing", Guid.NewGuid(), 20000m);
        await marketing.BudgetAsync("q4-marketing-events", Guid.NewGuid(), 5000m);
        await marketing.BudgetAsync("q4-operations", Guid.NewGuid(), 90000m, category: "operations");
        await marketing.BudgetAsync("q1-marketing", Guid.NewGuid(), 90000m, fiscalQuarter: "2027-Q1");
        var (first, firstVersion) = await marketing.PlanAsync(MarketingService.Plan(name: "First", budgetCap: 15000m));
        var (second, secondVersion) = await marketing.PlanAsync(MarketingService.Plan(name: "Second", startsOn: "2026-12-01", budgetCap: 12000m));
        var (fits, fitsVersion) = await marketing.PlanAsync(MarketingService.Plan(name: "Fits", startsOn: "2026-10-01", budgetCap: 10000m));

        var launched = await marketing.SendAsync(HttpMethod.Post, $"{first}/launch", null, firstVersion);
        var refused = await marketing.SendAsync(HttpMethod.Post, $"{second}/launch", null, secondVersion);
        var fitsExactly = await marketing.SendAsync(HttpMethod.Post, $"{fits}/launch", null, fitsVersion);

        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        var problem = await AssertRefusedAsync(refused, "budgetCap", remaining: 10000m);
        Assert.Contains("10000.00 EUR remains", problem.GetProperty("detail").GetString());
        Assert.Equal(25000m, problem.GetProperty("budget").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, fitsExactly.StatusCode);
        Assert.Equal(["CampaignLaunched", "CampaignLaunched"], (await marketing.OutboxAsync()).Select(e => e.EventType));
    }

    [Fact]
    public async Task Spend_beyond_the_campaign_cap_is_refused_with_what_remains_of_the_cap()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("q4-marketing", Guid.NewGuid(), 20000m);
        var (location, planned) = await marketing.PlanAsync(MarketingService.Plan(budgetCap: 5000m));
        var launched = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, planned);
        var spent = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 3000m, spentOn = "2026-11-10", vendor = "Mailer Ltd" }, launched.Headers.ETag);

        var refused = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 2500m, spentOn = "2026-11-20", vendor = "Mailer Ltd" }, spent.Headers.ETag);

        Assert.Equal(HttpStatusCode.Created, spent.StatusCode);
        var problem = await AssertRefusedAsync(refused, "amount", remaining: 2000m);
        Assert.Contains("cap of 5000.00 EUR", problem.GetProperty("detail").GetString());
        Assert.Equal(3000m, (await marketing.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("spend").GetDecimal());
        Assert.Single(await marketing.OutboxAsync(), e => e.EventType == "CampaignSpendRecorded");
    }

    [Fact]
    public async Task Spend_beyond_a_budget_finance_lowered_is_refused_with_what_remains_of_the_quarter()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var budget = Guid.NewGuid();
        await marketing.BudgetAsync("allocated", budget, 20000m);
        var (location, planned) = await marketing.PlanAsync(MarketingService.Plan(budgetCap: 15000m));
        var launched = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, planned);
        var spent = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 4000m, spentOn = "2026-11-10", vendor = "Mailer Ltd" }, launched.Headers.ETag);
        await marketing.BudgetAsync("lowered", budget, 6000m, eventType: "BudgetChanged");

        var refused = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 2500m, spentOn = "2026-11-20", vendor = "Mailer Ltd" }, spent.Headers.ETag);
        var fits = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 2000m, spentOn = "2026-11-20", vendor = "Mailer Ltd" }, spent.Headers.ETag);

        var problem = await AssertRefusedAsync(refused, "amount", remaining: 2000m);
        Assert.Contains("2026-Q4 marketing spend beyond its budget of 6000.00 EUR", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(6000m, (await marketing.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("spend").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_launches_of_one_quarter_never_commit_more_than_its_budget()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("q4-marketing", Guid.NewGuid(), 10000m);
        var planned = new List<(string Location, System.Net.Http.Headers.EntityTagHeaderValue ETag)>();
        for (var i = 0; i < 4; i++)
        {
            planned.Add(await marketing.PlanAsync(MarketingService.Plan(name: $"Campaign {i}", budgetCap: 4000m)));
        }

        var launches = await Task.WhenAll(planned.Select(p => marketing.SendAsync(HttpMethod.Post, $"{p.Location}/launch", null, p.ETag)));

        Assert.Equal(2, launches.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, launches.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        var plan = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/planning?quarter=2026-Q4");
        Assert.Equal(8000m, plan.GetProperty("committed").GetDecimal());
    }

    private static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, string field, decimal remaining)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(remaining, problem.GetProperty("remaining").GetDecimal());
        return problem;
    }
}
