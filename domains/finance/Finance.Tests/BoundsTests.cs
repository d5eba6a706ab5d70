using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.DomainServices.Paging;
using DataMesh.Testing;
using Finance.Model;

namespace Finance.Tests;

/// <summary>The bounds the OpenAPI document declares are the ones the service enforces.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BoundsTests(PostgresServerFixture postgres)
{
    [Theory]
    [InlineData("/api/finance/actuals?quarter=2026-Q4&costCenter=", "costCenter")]
    [InlineData("/api/finance/budgets?costCenter=", "CostCenter")]
    [InlineData("/api/finance/expenses?costCenter=", "CostCenter")]
    public async Task A_cost_center_longer_than_a_code_is_a_problem_naming_the_field(string query, string field)
    {
        await using var finance = await FinanceService.StartAsync(postgres);

        var response = await finance.Client.GetAsync(query + new string('C', CostCenter.CodeLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// <summary>The actuals endpoint answers as its contract's api server names it, without a query: the current quarter.</summary>
    [Fact]
    public async Task The_actuals_without_a_quarter_are_the_current_quarters()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        var current = DataMesh.DomainServices.Calendar.FiscalQuarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).ToString();

        var unasked = await finance.Client.GetAsync("/api/finance/actuals");

        Assert.Equal(HttpStatusCode.OK, unasked.StatusCode);
        Assert.Equal(
            (await finance.Client.GetFromJsonAsync<JsonElement>($"/api/finance/actuals?quarter={current}")).ToString(),
            (await unasked.Content.ReadFromJsonAsync<JsonElement>()).ToString());
    }

    [Fact]
    public async Task The_cost_centers_are_answered_up_to_the_list_limit()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await using (var db = finance.Database())
        {
            db.CostCenters.AddRange(Enumerable.Range(0, ListLimit.MaxItems + 1).Select(n => new CostCenter { Code = $"CC-{n:D4}", Name = $"Cost center {n}" }));
            await db.SaveChangesAsync();
        }

        var costCenters = await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/cost-centers");

        Assert.Equal(ListLimit.MaxItems, costCenters.GetArrayLength());
    }
}
