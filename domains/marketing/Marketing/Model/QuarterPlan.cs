namespace Marketing.Model;

/// <summary>
/// Where a quarter's marketing money stands. <see cref="Committed"/> counts each launched or completed campaign
/// at its cap, or at its spend once that is higher; <see cref="Remaining"/> is what a new launch may still cap.
/// </summary>
public sealed record QuarterPlan(string Quarter, decimal Budget, decimal Committed, decimal Spent)
{
    public decimal Remaining => Budget - Committed;

    /// <summary>What recorded spend may still add before the quarter's spend passes its budget.</summary>
    public decimal SpendRemaining => Budget - Spent;
}
