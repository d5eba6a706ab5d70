namespace Finance.Model;

/// <summary>Money a cost center spent, recorded by finance or booked from another domain's event.</summary>
public sealed class Expense
{
    public const int VendorLength = 200;
    public const int SourceDataProductLength = 100;

    public Guid Id { get; init; }

    public required string CostCenter { get; init; }

    public BudgetCategory Category { get; init; }

    /// <summary>EUR.</summary>
    public decimal Amount { get; init; }

    public DateOnly SpentOn { get; init; }

    public required string Vendor { get; init; }

    /// <summary>Where the expense came from, e.g. <c>marketing.campaigns</c>; null when recorded in finance.</summary>
    public string? SourceDataProduct { get; init; }

    /// <summary>The id the source gave it (a campaign spend id): one expense per source id.</summary>
    public string? SourceId { get; init; }
}
