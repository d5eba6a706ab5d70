namespace Domain1.Model;

/// <summary>Finance's latest state of one budget, as the <c>budgets</c> input port received it.</summary>
public sealed class Budget
{
    public Guid BudgetId { get; init; }

    public required string CostCenter { get; set; }

    /// <summary>yyyy-Qn.</summary>
    public required string FiscalQuarter { get; set; }

    public required string Category { get; set; }

    /// <summary>In EUR.</summary>
    public decimal Amount { get; set; }
}
