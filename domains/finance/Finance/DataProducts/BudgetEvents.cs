using Finance.Model;

namespace Finance.DataProducts;

/// <summary>The data product and port the budget events are published on, as <c>budgets.odps.yaml</c> declares them.</summary>
public static class BudgetEvents
{
    public const string DataProductId = "finance.budgets";
    public const string Port = "budget-events";
}

public sealed record BudgetAllocated(Guid BudgetId, string CostCenter, string FiscalQuarter, BudgetCategory Category, decimal Amount);

public sealed record BudgetChanged(Guid BudgetId, string CostCenter, string FiscalQuarter, BudgetCategory Category, decimal Amount);
