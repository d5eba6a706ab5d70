using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Finance.Tests;

[Collection(PostgresCollection.Name)]
public sealed class BudgetsApiTests(PostgresServerFixture postgres)
{
    private static object Marketing(decimal amount = 60000m, string quarter = "2026-Q4") => new { costCenter = "CC-300", fiscalQuarter = quarter, category = "marketing", amount };

    [Fact]
    public async Task Allocating_a_budget_publishes_it_and_the_cost_centers_new_actuals()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();

        var response = await finance.Client.PostAsJsonAsync("/api/finance/budgets", Marketing());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var events = await finance.OutboxAsync();
        Assert.Equal(["BudgetAllocated", "CostCenterActualsChanged"], events.Select(e => e.EventType));
        var allocated = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal(("marketing", "2026-Q4", 60000m), (allocated.GetProperty("category").GetString(), allocated.GetProperty("fiscalQuarter").GetString(), allocated.GetProperty("amount").GetDecimal()));
        Assert.Equal(60000m, JsonDocument.Parse(events[1].Data).RootElement.GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task Bad_budgets_are_problems_naming_the_field()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();
        (await finance.Client.PostAsJsonAsync("/api/finance/budgets", Marketing())).EnsureSuccessStatusCode();

        var badQuarter = await finance.Client.PostAsJsonAsync("/api/finance/budgets", Marketing(quarter: "2026-Q5"));
        var unknownCostCenter = await finance.Client.PostAsJsonAsync("/api/finance/budgets", new { costCenter = "CC-999", fiscalQuarter = "2026-Q4", category = "marketing", amount = 1 });
        var negative = await finance.Client.PostAsJsonAsync("/api/finance/budgets", Marketing(amount: -1));
        var twice = await finance.Client.PostAsJsonAsync("/api/finance/budgets", Marketing());

        await AssertProblemAsync(badQuarter, HttpStatusCode.BadRequest, "fiscalQuarter");
        await AssertProblemAsync(unknownCostCenter, HttpStatusCode.UnprocessableEntity, "costCenter");
        await AssertProblemAsync(negative, HttpStatusCode.BadRequest, "Amount");
        await AssertProblemAsync(twice, HttpStatusCode.Conflict, "category");
    }

    [Fact]
    public async Task Changing_a_budget_needs_the_current_version_and_publishes_the_change()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();
        var allocated = await finance.Client.PostAsJsonAsync("/api/finance/budgets", Marketing());

        var change = new HttpRequestMessage(HttpMethod.Patch, allocated.Headers.Location) { Content = JsonContent.Create(new { amount = 45000m }) };
        change.Headers.IfMatch.Add(allocated.Headers.ETag!);
        var changed = await finance.Client.SendAsync(change);
        var stale = new HttpRequestMessage(HttpMethod.Patch, allocated.Headers.Location) { Content = JsonContent.Create(new { amount = 1m }) };
        stale.Headers.IfMatch.Add(allocated.Headers.ETag!);
        var conflict = await finance.Client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(45000m, JsonDocument.Parse(Assert.Single(await finance.OutboxAsync("BudgetChanged")).Data).RootElement.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_retried_expense_with_the_same_idempotency_key_is_recorded_once()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/finance/expenses")
            {
                Content = JsonContent.Create(new { costCenter = "CC-100", category = "operations", amount = 99.5m, spentOn = "2026-11-02", vendor = "Office supplies" }),
            };
            request.Headers.Add("Idempotency-Key", "expense-42");
            Assert.Equal(HttpStatusCode.Created, (await finance.Client.SendAsync(request)).StatusCode);
        }

        var page = await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/expenses?fiscalQuarter=2026-Q4&pageSize=10");
        Assert.Equal(1, page.GetProperty("totalCount").GetInt32());
        Assert.Single(await finance.OutboxAsync("CostCenterActualsChanged"));
    }

    [Fact]
    public async Task The_demo_data_allocates_the_same_budgets_on_every_first_start()
    {
        await using var first = await FinanceService.StartAsync(postgres, demoData: true);
        await using var second = await FinanceService.StartAsync(postgres, demoData: true);

        var one = await first.Client.GetStringAsync("/api/finance/budgets?pageSize=100");
        Assert.Equal(one, await second.Client.GetStringAsync("/api/finance/budgets?pageSize=100"));
        Assert.Equal(6, JsonDocument.Parse(one).RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(6, (await first.OutboxAsync("BudgetAllocated")).Count);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
