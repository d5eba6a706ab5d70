using Hr.Model;

namespace Hr.DataProducts;

/// <summary>The data product and port the employee events are published on, as <c>employees.odps.yaml</c> declares them.</summary>
public static class EmployeeEvents
{
    public const string DataProductId = "hr.employees";
    public const string Port = "employee-events";
}

public sealed record EmployeeHired(
    Guid EmployeeId, string Name, string Email, DateOnly BirthDate, string Title, string Department, string CostCenter, decimal MonthlySalary, DateOnly HiredOn);

public sealed record EmployeeChanged(Guid EmployeeId, string Title, string Department, string CostCenter, decimal MonthlySalary, DateOnly EffectiveOn);

public sealed record EmployeeTerminated(Guid EmployeeId, TerminationReason Reason, DateOnly LastDay);
