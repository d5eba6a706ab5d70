using DataMesh.DomainServices.Concurrency;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.Paging;
using DataMesh.DomainServices.Problems;
using Hr.Commands;
using Hr.Model;
using Hr.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hr.Api;

public static class EmployeesApi
{
    public static RouteGroupBuilder MapEmployeesApi(this RouteGroupBuilder api)
    {
        var employees = api.MapGroup("/employees").WithTags("Employees");
        employees.MapGet("/", ListAsync).WithName("hr-list-employees");
        employees.MapGet("/{id:guid}", GetAsync).WithName("hr-get-employee");
        employees.MapPost("/", HireAsync).WithIdempotencyKey().WithName("hr-hire-employee");
        employees.MapPatch("/{id:guid}", ChangeAsync).WithIdempotencyKey().WithName("hr-change-employee");
        employees.MapPost("/{id:guid}/termination", TerminateAsync).WithIdempotencyKey().WithName("hr-terminate-employee");
        return api;
    }

    private static async Task<Ok<Page<EmployeeView>>> ListAsync([AsParameters] EmployeeListQuery query, HrDbContext db, CancellationToken ct)
    {
        var employees = db.Employees.AsNoTracking().Include(e => e.Department)
            .Where(e => query.DepartmentId == null || e.DepartmentId == query.DepartmentId)
            .Where(e => query.EmploymentStatus == null || e.Status == query.EmploymentStatus)
            .OrderBy(e => e.Name).ThenBy(e => e.Id);
        var page = await employees.ToPageAsync(query.PageRequest, ct);
        return TypedResults.Ok(new Page<EmployeeView>([.. page.Items.Select(EmployeeView.Of)], page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static async Task<Ok<EmployeeView>> GetAsync(Guid id, HrDbContext db, HttpResponse response, CancellationToken ct)
    {
        var employee = await FindAsync(db, id, ct);
        response.Headers.ETag = EntityVersion.ETag(employee.Version);
        return TypedResults.Ok(EmployeeView.Of(employee));
    }

    private static async Task<Created<EmployeeView>> HireAsync(HireEmployee request, Workforce workforce, HttpResponse response, CancellationToken ct)
    {
        var employee = await workforce.HireAsync(
            Guid.CreateVersion7(), request.Name, request.Email, request.BirthDate, request.Title, request.DepartmentId, request.MonthlySalary, request.HiredOn, ct);
        response.Headers.ETag = EntityVersion.ETag(employee.Version);
        return TypedResults.Created($"/api/hr/employees/{employee.Id}", EmployeeView.Of(employee));
    }

    private static async Task<Results<Ok<EmployeeView>, ProblemHttpResult>> ChangeAsync(
        Guid id, ChangeEmployee request, Workforce workforce, HrDbContext db, HttpRequest http, CancellationToken ct)
    {
        var employee = await FindAsync(db, id, ct);
        if (db.ExpectVersion(employee, http) is { } precondition)
        {
            return precondition;
        }

        await workforce.ChangeAsync(employee, request.Title, request.MonthlySalary, request.DepartmentId, request.EffectiveOn, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(employee.Version);
        return TypedResults.Ok(EmployeeView.Of(employee));
    }

    private static async Task<Results<Ok<EmployeeView>, ProblemHttpResult>> TerminateAsync(
        Guid id, TerminateEmployee request, Workforce workforce, HrDbContext db, HttpRequest http, CancellationToken ct)
    {
        var employee = await FindAsync(db, id, ct);
        if (db.ExpectVersion(employee, http) is { } precondition)
        {
            return precondition;
        }

        await workforce.TerminateAsync(employee, request.Reason, request.LastDay, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(employee.Version);
        return TypedResults.Ok(EmployeeView.Of(employee));
    }

    private static async Task<Employee> FindAsync(HrDbContext db, Guid id, CancellationToken ct) =>
        await db.Employees.Include(e => e.Department).SingleOrDefaultAsync(e => e.Id == id, ct)
        ?? throw DomainRuleViolation.NotFound("id", "employee", id);
}
