using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Problems;
using Finance.Model;
using Finance.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Finance.Api;

/// <summary>The query endpoint of the <c>finance.cost-center-actuals</c> data product, and the cost centers.</summary>
public static class ActualsApi
{
    public static RouteGroupBuilder MapActualsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cost-centers", async (FinanceDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.CostCenters.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct)))
            .WithTags("Cost centers").WithName("finance-list-cost-centers");
        api.MapGet("/actuals", async Task<Results<Ok<IReadOnlyList<CostCenterActuals>>, ProblemHttpResult>> (string quarter, string? costCenter, FinanceDbContext db, CancellationToken ct) =>
        {
            if (!FiscalQuarter.TryParse(quarter, out var asked))
            {
                return FieldProblem.For("quarter", $"'{quarter}' is not a fiscal quarter written yyyy-Qn.");
            }

            return TypedResults.Ok(await db.ActualsAsync(asked, costCenter, ct));
        }).WithTags("Actuals").WithName("finance-actuals");
        return api;
    }
}
