namespace Finance.Model;

/// <summary>
/// An employee's monthly payroll cost on one cost center, from one month to another (open-ended while the
/// employment and its terms last). A change of salary or cost center ends a line and starts the next.
/// </summary>
public sealed class PayrollLine
{
    public Guid Id { get; init; }

    public Guid EmployeeId { get; init; }

    public required string CostCenter { get; init; }

    /// <summary>EUR per month.</summary>
    public decimal MonthlyAmount { get; init; }

    /// <summary>The first day of the first month the line costs.</summary>
    public DateOnly FromMonth { get; init; }

    /// <summary>The first day of the last month the line costs; null while it runs.</summary>
    public DateOnly? ToMonth { get; set; }
}
