using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Finance.Tests;

[Collection(PostgresCollection.Name)]
public sealed class EventHandlerTests(PostgresServerFixture postgres)
{
    private static readonly Guid Ada = Guid.Parse("3f1c2a4e-8d7b-4c1e-9a52-6b0d4e7f1a23");

    private static object Hired(string costCenter = "CC-100", decimal salary = 5000m, string hiredOn = "2026-10-01") => new
    {
        employeeId = Ada,
        name = "Ada Lovelace",
        email = "ada@datamesh.example",
        birthDate = "1985-12-10",
        title = "Engineer",
        department = "Engineering",
        costCenter,
        monthlySalary = salary,
        hiredOn,
    };

    [Fact]
    public async Task A_hire_starts_monthly_payroll_costs_and_a_redelivered_hire_has_no_second_effect()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();

        var first = await finance.DeliverAsync("employees", "hire-1", "EmployeeHired", Hired());
        var again = await finance.DeliverAsync("employees", "hire-1", "EmployeeHired", Hired());

        Assert.Equal(("SUCCESS", "SUCCESS"), (first, again));
        var december = await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/payroll?month=2026-12");
        var cost = Assert.Single(december.EnumerateArray());
        Assert.Equal((Ada, "CC-100", 5000m), (cost.GetProperty("employeeId").GetGuid(), cost.GetProperty("costCenter").GetString(), cost.GetProperty("amount").GetDecimal()));
        Assert.Empty((await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/payroll?month=2026-09")).EnumerateArray());
        var actuals = Assert.Single(await finance.OutboxAsync("CostCenterActualsChanged"));
        Assert.Equal(15000m, JsonDocument.Parse(actuals.Data).RootElement.GetProperty("payroll").GetDecimal());
    }

    [Fact]
    public async Task A_change_moves_payroll_to_the_new_cost_center_from_its_month_and_a_termination_ends_it()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();
        await finance.DeliverAsync("employees", "hire-1", "EmployeeHired", Hired());

        await finance.DeliverAsync("employees", "change-1", "EmployeeChanged", new
        {
            employeeId = Ada, title = "Growth engineer", department = "Marketing", costCenter = "CC-300", monthlySalary = 6000m, effectiveOn = "2026-11-15",
        });
        await finance.DeliverAsync("employees", "leave-1", "EmployeeTerminated", new { employeeId = Ada, reason = "resignation", lastDay = "2026-12-20" });

        var lines = await finance.Client.GetFromJsonAsync<JsonElement>($"/api/finance/payroll/employees/{Ada}");
        Assert.Equal(
            [("CC-100", 5000m, "2026-10-01", "2026-10-01"), ("CC-300", 6000m, "2026-11-01", "2026-12-01")],
            lines.EnumerateArray().Select(l => (l.GetProperty("costCenter").GetString(), l.GetProperty("monthlyAmount").GetDecimal(), l.GetProperty("fromMonth").GetString(), l.GetProperty("toMonth").GetString())));
        var q4 = await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/actuals?quarter=2026-Q4");
        var payroll = q4.EnumerateArray().ToDictionary(a => a.GetProperty("costCenter").GetString()!, a => a.GetProperty("payroll").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["CC-100"] = 5000m, ["CC-300"] = 12000m }, payroll);
        Assert.Empty((await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/payroll?month=2027-01")).EnumerateArray());
    }

    [Fact]
    public async Task Campaign_spend_becomes_a_marketing_expense_once_and_shows_in_the_actuals()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();
        var spend = new
        {
            campaignId = Guid.NewGuid(), spendId = Guid.NewGuid(), amount = 1250m, spentOn = "2026-11-03", vendor = "Search Ads Ltd", channel = "search",
        };

        await finance.DeliverAsync("campaigns", "spend-1", "CampaignSpendRecorded", spend);
        await finance.DeliverAsync("campaigns", "spend-1", "CampaignSpendRecorded", spend);

        var expenses = await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/expenses?costCenter=CC-300");
        var expense = Assert.Single(expenses.GetProperty("items").EnumerateArray());
        Assert.Equal(("marketing", 1250m, "marketing.campaigns"), (expense.GetProperty("category").GetString(), expense.GetProperty("amount").GetDecimal(), expense.GetProperty("sourceDataProduct").GetString()));
        var actuals = await finance.Client.GetFromJsonAsync<JsonElement>("/api/finance/actuals?quarter=2026-Q4&costCenter=CC-300");
        Assert.Equal(1250m, Assert.Single(actuals.EnumerateArray()).GetProperty("expenses").GetDecimal());
    }

    [Fact]
    public async Task An_event_that_breaks_the_upstream_contract_is_dropped_and_changes_nothing()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();

        var status = await finance.DeliverAsync("employees", "bad-1", "EmployeeHired", new { employeeId = Ada, costCenter = "CC-100", monthlySalary = -5 });

        Assert.Equal("DROP", status);
        Assert.Empty((await finance.Client.GetFromJsonAsync<JsonElement>($"/api/finance/payroll/employees/{Ada}")).EnumerateArray());
    }
}
