using DataMesh.DataProducts.Subscribing;
using Marketing.DataProducts;
using Marketing.Model;
using Marketing.Persistence;

namespace Marketing.EventHandlers;

/// <summary>
/// Keeps the latest amount of each finance budget (input port <c>budgets</c>): an allocation adds it, a change
/// replaces it. Both events carry the whole budget, so either one arriving first leaves the right state.
/// </summary>
public static class BudgetHandler
{
    public static async Task ApplyAsync(BudgetAmount data, ConsumedEvent consumed, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var budget = await db.Budgets.FindAsync([data.BudgetId], cancellationToken);
        if (budget is null)
        {
            budget = new Budget { BudgetId = data.BudgetId, CostCenter = data.CostCenter, FiscalQuarter = data.FiscalQuarter, Category = data.Category };
            db.Budgets.Add(budget);
        }

        budget.CostCenter = data.CostCenter;
        budget.FiscalQuarter = data.FiscalQuarter;
        budget.Category = data.Category;
        budget.Amount = data.Amount;
    }
}
