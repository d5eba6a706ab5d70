using Domain1.Model;
using Domain1.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Domain1.Api;

/// <summary>What the domain has received from <c>finance.budgets</c>: the latest state of each budget.</summary>
public static class BudgetsApi
{
    public static RouteGroupBuilder MapBudgetsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/budgets", async Task<Ok<List<Budget>>> (Domain1DbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Budgets.AsNoTracking().OrderBy(b => b.FiscalQuarter).ThenBy(b => b.CostCenter).ThenBy(b => b.BudgetId).ToListAsync(ct)))
            .WithTags("Budgets").WithName("domain1-budgets");
        return api;
    }
}
