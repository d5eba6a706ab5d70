using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
using DataMesh.DomainServices.Problems;
using Hr.Model;
using Hr.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hr.Api;

/// <summary>The query endpoint of the <c>hr.headcount</c> data product.</summary>
public static class HeadcountApi
{
    public static RouteGroupBuilder MapHeadcountApi(this RouteGroupBuilder api, TimeProvider clock)
    {
        api.MapGet("/headcount", async Task<Results<Ok<IReadOnlyList<HeadcountFigures>>, ProblemHttpResult>> ([StringLength(7)] string? month, HrDbContext db, CancellationToken ct) =>
        {
            var asked = Month.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            if (month is not null && !Month.TryParse(month, out asked))
            {
                return FieldProblem.For("month", $"'{month}' is not a month written yyyy-MM.");
            }

            return TypedResults.Ok(await db.FiguresAsync(asked, departmentId: null, ct));
        }).WithListLimit().WithTags("Headcount").WithName("hr-headcount");
        return api;
    }
}
