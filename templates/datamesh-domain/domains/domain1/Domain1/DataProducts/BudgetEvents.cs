namespace Domain1.DataProducts;

/// <summary>The input port <c>finance.budgets</c> arrives on, as <c>product1.odps.yaml</c> declares it.</summary>
public static class BudgetEvents
{
    public const string InputPort = "budgets";
    public const string Allocated = "BudgetAllocated";
    public const string Changed = "BudgetChanged";
}

/// <summary>
/// The domain's reading of finance's <c>BudgetAllocated</c> and <c>BudgetChanged</c> (contract
/// <c>finance.budgets.events</c> 1.0.0): both carry the budget's full, latest state.
/// </summary>
public sealed record BudgetAmount(Guid BudgetId, string CostCenter, string FiscalQuarter, string Category, decimal Amount);
