namespace Finance.Model;

/// <summary>What a cost center may spend on one category in one fiscal quarter.</summary>
public sealed class Budget
{
    public Guid Id { get; init; }

    public required string CostCenter { get; init; }

    /// <summary><c>yyyy-Qn</c>.</summary>
    public required string FiscalQuarter { get; init; }

    public BudgetCategory Category { get; init; }

    /// <summary>EUR.</summary>
    public decimal Amount { get; set; }

    /// <summary>PostgreSQL's xmin: the ETag of optimistic concurrency.</summary>
    public uint Version { get; set; }
}
