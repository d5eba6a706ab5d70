using DataMesh.DataProducts.Subscribing;
using Domain1.DataProducts;
using Domain1.Model;
using Domain1.Persistence;

namespace Domain1.EventHandlers;

/// <summary>
/// Keeps the latest state of each finance budget (input port <c>budgets</c>): an allocation adds it, a change
/// replaces it. Runs once per event, in the transaction that records it in the inbox.
/// </summary>
public static class BudgetHandler
{
    public static async Task ApplyAsync(BudgetAmount data, ConsumedEvent consumed, Domain1DbContext db, CancellationToken cancellationToken)
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
