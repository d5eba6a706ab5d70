using System.ComponentModel.DataAnnotations;
using Hr.Model;

namespace Hr.Api;

/// <summary>An employee as the API shows it.</summary>
public sealed record EmployeeView(
    Guid Id,
    [property: MaxLength(200)] string Name,
    [property: MaxLength(254)] string Email,
    DateOnly BirthDate,
    [property: MaxLength(100)] string Title,
    Guid DepartmentId,
    [property: MaxLength(100)] string Department,
    [property: MaxLength(9)] string CostCenter,
    decimal MonthlySalary,
    DateOnly HiredOn,
    EmploymentStatus Status,
    DateOnly? LastDay,
    TerminationReason? TerminationReason)
{
    public static EmployeeView Of(Employee e) => new(
        e.Id, e.Name, e.Email, e.BirthDate, e.Title, e.DepartmentId, e.Department.Name, e.Department.CostCenter, e.MonthlySalary, e.HiredOn, e.Status, e.LastDay, e.TerminationReason);
}
