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
/// <remarks>
/// Init properties rather than a positional record: the OpenAPI document fails on validation attributes of the
/// constructor parameters of an [AsParameters] record (dotnet/aspnetcore#65348). Each is nullable, since a
/// non-nullable [AsParameters] property is a required query parameter.
/// </remarks>
public sealed record EmployeeListQuery
{
    /// <summary>From 1; the first when omitted.</summary>
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    /// <summary>20 when omitted.</summary>
    [Range(1, PageRequest.MaxPageSize)]
    public int? PageSize { get; init; }

    public Guid? DepartmentId { get; init; }

    [AllowedValues("active", "terminated", null), StringLength(10)]
    public string? Status { get; init; }

    public PageRequest PageRequest => new() { Page = Page ?? 1, PageSize = PageSize ?? 20 };

    public EmploymentStatus? EmploymentStatus => Status is null ? null : Enum.Parse<EmploymentStatus>(Status, ignoreCase: true);
}
