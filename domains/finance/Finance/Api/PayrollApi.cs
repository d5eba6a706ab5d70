using DataMesh.DomainServices.Calendar;
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
        payroll.MapGet("/", async Task<Results<Ok<List<PayrollCost>>, ProblemHttpResult>> (string month, FinanceDbContext db, CancellationToken ct) =>
        {
            if (!Month.TryParse(month, out var asked))
            {
                return FieldProblem.For("month", $"'{month}' is not a month written yyyy-MM.");
            }

            var day = asked.FirstDay;
            return TypedResults.Ok(await db.PayrollLines.AsNoTracking()
                .Where(l => l.FromMonth <= day && (l.ToMonth == null || l.ToMonth >= day))
                .OrderBy(l => l.CostCenter).ThenBy(l => l.EmployeeId)
                .Select(l => new PayrollCost(l.EmployeeId, l.CostCenter, asked.ToString(), l.MonthlyAmount))
                .ToListAsync(ct));
        }).WithName("finance-payroll-costs");
        payroll.MapGet("/employees/{employeeId:guid}", async (Guid employeeId, FinanceDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.PayrollLines.AsNoTracking().Where(l => l.EmployeeId == employeeId).OrderBy(l => l.FromMonth)
                .Select(l => new PayrollLineView(l.CostCenter, l.MonthlyAmount, l.FromMonth, l.ToMonth)).ToListAsync(ct)))
            .WithName("finance-employee-payroll");
        return api;
    }
}

public sealed record PayrollCost(Guid EmployeeId, string CostCenter, string Month, decimal Amount);

/// <summary>A payroll line; months are given by their first day, <see cref="ToMonth"/> null while it runs.</summary>
public sealed record PayrollLineView(string CostCenter, decimal MonthlyAmount, DateOnly FromMonth, DateOnly? ToMonth);
