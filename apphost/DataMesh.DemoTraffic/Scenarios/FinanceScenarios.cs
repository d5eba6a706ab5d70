using System.Globalization;

namespace DataMesh.DemoTraffic.Scenarios;

/// <summary>Finance raises this quarter's marketing budget (allocating it first) and records expenses.</summary>
public sealed class RaiseMarketingBudget : IScenario
{
    public string Name => "finance: marketing budget";

    public int Weight => 1;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        var quarter = CurrentQuarter.Text;
        var budgets = await mesh.GetAsync($"/api/finance/budgets?costCenter=CC-300&fiscalQuarter={quarter}&category=marketing", cancellationToken);
        if (budgets.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } budget)
        {
            var path = $"/api/finance/budgets/{budget.GetProperty("id").GetGuid()}";
            var (current, version) = await mesh.GetWithVersionAsync(path, cancellationToken);
            using var raised = await mesh.SendAsync(HttpMethod.Patch, path, new { amount = current.GetProperty("amount").GetDecimal() + 5_000m }, cancellationToken, version);
            return (int)raised.StatusCode;
        }

        using var allocated = await mesh.SendAsync(HttpMethod.Post, "/api/finance/budgets", new { costCenter = "CC-300", fiscalQuarter = quarter, category = "marketing", amount = 50_000m }, cancellationToken);
        return (int)allocated.StatusCode;
    }
}

public sealed class RecordExpense : IScenario
{
    private static readonly string[] Vendors = ["Office supplies", "Cloud hosting", "Travel agency", "Catering"];

    public string Name => "finance: expense";

    public int Weight => 2;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        using var response = await mesh.SendAsync(HttpMethod.Post, "/api/finance/expenses", new
        {
            costCenter = random.Next(2) == 0 ? "CC-100" : "CC-400",
            category = "operations",
            amount = random.Next(20, 2_000),
            spentOn = DateOnly.FromDateTime(DateTime.UtcNow),
            vendor = Vendors[random.Next(Vendors.Length)],
        }, cancellationToken);
        return (int)response.StatusCode;
    }
}

internal static class CurrentQuarter
{
    public static string Text => string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow.Year}-Q{((DateTime.UtcNow.Month - 1) / 3) + 1}");
}
