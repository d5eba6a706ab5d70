using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Marketing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PlanningApiTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_planning_summary_sums_budget_commitments_and_spend_and_shows_the_team_size_of_the_latest_month()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("q4-a", Guid.NewGuid(), 20000m);
        await marketing.BudgetAsync("q4-b", Guid.NewGuid(), 10000m);
        await marketing.DeliverAsync("headcount", "hc-oct", "/dataproducts/hr.headcount", "HeadcountChanged", Figures("Marketing", "2026-10", 3));
        await marketing.DeliverAsync("headcount", "hc-nov", "/dataproducts/hr.headcount", "HeadcountChanged", Figures("Marketing", "2026-11", 4));
        await marketing.DeliverAsync("headcount", "hc-jan", "/dataproducts/hr.headcount", "HeadcountChanged", Figures("Marketing", "2027-01", 9));
        var (overspent, overspentVersion) = await marketing.PlanAsync(MarketingService.Plan(name: "Capped", budgetCap: 5000m));
        var launched = await marketing.SendAsync(HttpMethod.Post, $"{overspent}/launch", null, overspentVersion);
        await marketing.SendAsync(HttpMethod.Post, $"{overspent}/spend", new { amount = 4500m, spentOn = "2026-11-03", vendor = "Mailer Ltd" }, launched.Headers.ETag);
        var (other, otherVersion) = await marketing.PlanAsync(MarketingService.Plan(name: "Other", startsOn: "2026-12-01", budgetCap: 7000m));
        (await marketing.SendAsync(HttpMethod.Post, $"{other}/launch", null, otherVersion)).EnsureSuccessStatusCode();
        await marketing.PlanAsync(MarketingService.Plan(name: "Only planned", startsOn: "2026-10-15", budgetCap: 90000m));
        await marketing.PlanAsync(MarketingService.Plan(name: "Next quarter", startsOn: "2027-01-15", endsOn: "2027-02-15", budgetCap: 1000m));

        var plan = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/planning?quarter=2026-Q4");

        Assert.Equal("2026-Q4", plan.GetProperty("quarter").GetString());
        Assert.Equal(30000m, plan.GetProperty("budget").GetDecimal());
        Assert.Equal(12000m, plan.GetProperty("committed").GetDecimal());
        Assert.Equal(4500m, plan.GetProperty("spent").GetDecimal());
        Assert.Equal(18000m, plan.GetProperty("remaining").GetDecimal());
        Assert.Equal(4, plan.GetProperty("teamSize").GetInt32());
        Assert.Equal("2026-11", plan.GetProperty("teamSizeMonth").GetString());
        Assert.Equal(["Only planned", "Capped", "Other"], plan.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_quarter_nothing_is_known_of_has_no_budget_and_no_team_size()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var plan = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/planning?quarter=2030-Q2");

        Assert.Equal(0m, plan.GetProperty("budget").GetDecimal());
        Assert.Equal(0m, plan.GetProperty("remaining").GetDecimal());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("teamSize").ValueKind);
        Assert.Empty(plan.GetProperty("campaigns").EnumerateArray());
    }

    [Fact]
    public async Task A_quarter_that_is_not_yyyy_Qn_is_a_problem_naming_quarter()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var response = await marketing.Client.GetAsync("/api/marketing/planning?quarter=2026-11");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("quarter", out _));
    }

    internal static object Figures(string department, string month, int headcount, int hires = 1, int leavers = 0) =>
        new { department, month, headcount, hires, leavers };
}
