using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Paging;
using Hr.Model;

namespace Hr.Api;

public sealed record HireEmployee(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, EmailAddress, StringLength(254)] string Email,
    DateOnly BirthDate,
    [property: Required, StringLength(100, MinimumLength = 1)] string Title,
    Guid DepartmentId,
    [property: Range(typeof(decimal), "0", "1000000")] decimal MonthlySalary,
    DateOnly HiredOn);

/// <summary>What changes from <see cref="EffectiveOn"/>; omitted values stay as they are.</summary>
public sealed record ChangeEmployee(
    [property: StringLength(100, MinimumLength = 1)] string? Title,
    [property: Range(typeof(decimal), "0", "1000000")] decimal? MonthlySalary,
    Guid? DepartmentId,
    DateOnly EffectiveOn);

public sealed record TerminateEmployee(TerminationReason Reason, DateOnly LastDay);

/// <summary>A page of employees, optionally of one department and status.</summary>
public sealed record EmployeeListQuery(
    [Range(1, int.MaxValue)] int Page = 1,
    [Range(1, PageRequest.MaxPageSize)] int PageSize = 20,
    Guid? DepartmentId = null,
    [AllowedValues("active", "terminated", null)] string? Status = null)
{
    public PageRequest PageRequest => new() { Page = Page, PageSize = PageSize };

    public EmploymentStatus? EmploymentStatus => Status is null ? null : Enum.Parse<EmploymentStatus>(Status, ignoreCase: true);
}
