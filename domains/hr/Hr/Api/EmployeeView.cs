using Hr.Model;

namespace Hr.Api;

/// <summary>An employee as the API shows it.</summary>
public sealed record EmployeeView(
    Guid Id,
    string Name,
    string Email,
    DateOnly BirthDate,
    string Title,
    Guid DepartmentId,
    string Department,
    string CostCenter,
    decimal MonthlySalary,
    DateOnly HiredOn,
    EmploymentStatus Status,
    DateOnly? LastDay,
    TerminationReason? TerminationReason)
{
    public static EmployeeView Of(Employee e) => new(
        e.Id, e.Name, e.Email, e.BirthDate, e.Title, e.DepartmentId, e.Department.Name, e.Department.CostCenter, e.MonthlySalary, e.HiredOn, e.Status, e.LastDay, e.TerminationReason);
}
