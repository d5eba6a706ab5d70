namespace Finance.EventHandlers;

/// <summary>
/// What finance reads of <c>hr.employees</c> (contract <c>hr.employees.events</c> 1.0.0): only the fields payroll
/// needs, in finance's own types. Names, e-mail addresses and birth dates are not kept.
/// </summary>
public sealed record EmployeeHired(Guid EmployeeId, string CostCenter, decimal MonthlySalary, DateOnly HiredOn);

public sealed record EmployeeChanged(Guid EmployeeId, string CostCenter, decimal MonthlySalary, DateOnly EffectiveOn);

public sealed record EmployeeTerminated(Guid EmployeeId, DateOnly LastDay);
