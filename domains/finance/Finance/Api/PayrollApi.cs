using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
using Finance.Model;
using DataMesh.DomainServices.Problems;
using Finance.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Finance.Api;

/// <summary>Payroll cost per employee and month, from the lines HR's events keep.</summary>
public static class PayrollApi
{
    public static RouteGroupBuilder MapPayrollApi(this RouteGroupBuilder api)
    {
        var payroll = api.MapGroup("/payroll").WithTags("Payroll");
        payroll.MapGet("/", async Task<Results<Ok<List<PayrollCost>>, ProblemHttpResult>> ([StringLength(Month.Length)] string month, FinanceDbContext db, CancellationToken ct) =>
        {
            if (!Month.TryParse(month, out var asked))
            {
                return FieldProblem.For("month", $"'{month}' is not a month written yyyy-MM.");
            }

            var day = asked.FirstDay;
            return TypedResults.Ok(await db.PayrollLines.AsNoTracking()
                .Where(l => l.FromMonth <= day && (l.ToMonth == null || l.ToMonth >= day))
                .OrderBy(l => l.CostCenter).ThenBy(l => l.EmployeeId)
                .Bounded()
                .Select(l => new PayrollCost(l.EmployeeId, l.CostCenter, asked.ToString(), l.MonthlyAmount))
                .ToListAsync(ct));
        }).WithListLimit().WithName("finance-payroll-costs");
        payroll.MapGet("/employees/{employeeId:guid}", async (Guid employeeId, FinanceDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.PayrollLines.AsNoTracking().Where(l => l.EmployeeId == employeeId).OrderBy(l => l.FromMonth).Bounded()
                .Select(l => new PayrollLineView(l.CostCenter, l.MonthlyAmount, l.FromMonth, l.ToMonth)).ToListAsync(ct)))
            .WithListLimit().WithName("finance-employee-payroll");
        return api;
    }
}

public sealed record PayrollCost(Guid EmployeeId, [property: MaxLength(CostCenter.CodeLength)] string CostCenter, [property: MaxLength(DataMesh.DomainServices.Calendar.Month.Length)] string Month, decimal Amount);

/// <summary>A payroll line; months are given by their first day, <see cref="ToMonth"/> null while it runs.</summary>
public sealed record PayrollLineView([property: MaxLength(CostCenter.CodeLength)] string CostCenter, decimal MonthlyAmount, DateOnly FromMonth, DateOnly? ToMonth);
