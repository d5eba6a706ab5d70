using Domain1.Model;
using Domain1.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Domain1.Api;

/// <summary>What the domain has received from <c>hr.headcount</c>: the latest figures per department and month.</summary>
public static class HeadcountApi
{
    public static RouteGroupBuilder MapHeadcountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/headcount", async Task<Ok<List<TeamHeadcount>>> (Domain1DbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.TeamHeadcounts.AsNoTracking().OrderBy(t => t.Month).ThenBy(t => t.Department).ToListAsync(ct)))
            .WithTags("Headcount").WithName("domain1-headcount");
        return api;
    }
}
