using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
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
            TypedResults.Ok(await db.CostCenters.AsNoTracking().OrderBy(c => c.Code).Bounded().Select(c => new CostCenterView(c.Code, c.Name)).ToListAsync(ct)))
            .WithListLimit().WithTags("Cost centers").WithName("finance-list-cost-centers");
        api.MapGet("/actuals", async Task<Results<Ok<IReadOnlyList<CostCenterActuals>>, ProblemHttpResult>> ([StringLength(FiscalQuarter.Length)] string? quarter, [StringLength(CostCenter.CodeLength)] string? costCenter, FinanceDbContext db, CancellationToken ct) =>
        {
            // Without a quarter, the current one (UTC): the query endpoint the contract names answers as it is, unparameterised.
            var asked = FiscalQuarter.Of(DateOnly.FromDateTime(DateTime.UtcNow));
            if (quarter is not null && !FiscalQuarter.TryParse(quarter, out asked))
            {
                return FieldProblem.For("quarter", $"'{quarter}' is not a fiscal quarter written yyyy-Qn.");
            }

            return TypedResults.Ok(await db.ActualsAsync(asked, costCenter, ct));
        }).WithListLimit().WithTags("Actuals").WithName("finance-actuals");
        return api;
    }
}

/// <summary>A cost center as the API shows it.</summary>
public sealed record CostCenterView([property: MaxLength(CostCenter.CodeLength)] string Code, [property: MaxLength(CostCenter.NameLength)] string Name);
