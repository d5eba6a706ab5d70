using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.Paging;
using Hr.Commands;
using Hr.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hr.Api;

public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this RouteGroupBuilder api)
    {
        var departments = api.MapGroup("/departments").WithTags("Departments");
        departments.MapGet("/", async (HrDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Departments.OrderBy(d => d.Name).Bounded().Select(d => new DepartmentView(d.Id, d.Name, d.CostCenter)).ToListAsync(ct)))
            .WithListLimit().WithName("hr-list-departments");
        departments.MapPost("/", async Task<Created<DepartmentView>> (CreateDepartment request, Workforce workforce, CancellationToken ct) =>
        {
            var department = await workforce.CreateDepartmentAsync(Guid.CreateVersion7(), request.Name, request.CostCenter, ct);
            return TypedResults.Created($"/api/hr/departments/{department.Id}", new DepartmentView(department.Id, department.Name, department.CostCenter));
        }).WithIdempotencyKey().WithName("hr-create-department");
        return api;
    }
}

public sealed record DepartmentView(Guid Id, [property: MaxLength(100)] string Name, [property: MaxLength(9)] string CostCenter);

public sealed record CreateDepartment(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required, StringLength(9), RegularExpression("^CC-[0-9]{3,6}$", ErrorMessage = "A cost center code is CC- and 3 to 6 digits, e.g. CC-100.")] string CostCenter);
