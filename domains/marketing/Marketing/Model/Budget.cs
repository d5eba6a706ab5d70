namespace Marketing.Model;

/// <summary>
/// A budget of finance as marketing keeps it from <c>finance.budgets</c>: the latest amount per budget. Every
/// category is kept, so that a budget moved out of <c>marketing</c> stops counting.
/// </summary>
public sealed class Budget
{
    public const string MarketingCategory = "marketing";

    public Guid BudgetId { get; init; }

    public required string CostCenter { get; set; }

    /// <summary>As <c>yyyy-Qn</c>.</summary>
    public required string FiscalQuarter { get; set; }

    public required string Category { get; set; }

    /// <summary>In EUR.</summary>
    public decimal Amount { get; set; }
}
