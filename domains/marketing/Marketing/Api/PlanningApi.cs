using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
using DataMesh.DomainServices.Problems;
using Marketing.Model;
using Marketing.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Api;

/// <summary>Where a quarter's marketing money and team stand: the budget finance allocated, HR's team size, the campaigns.</summary>
public static class PlanningApi
{
    public static RouteGroupBuilder MapPlanningApi(this RouteGroupBuilder api, TimeProvider clock)
    {
        api.MapGet("/planning", async Task<Results<Ok<PlanningView>, ProblemHttpResult>> ([StringLength(FiscalQuarter.Length)] string? quarter, MarketingDbContext db, CancellationToken ct) =>
        {
            var asked = FiscalQuarter.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            if (quarter is not null && !FiscalQuarter.TryParse(quarter, out asked))
            {
                return FieldProblem.For("quarter", $"'{quarter}' is not a quarter written yyyy-Qn, e.g. 2026-Q4.");
            }

            var plan = await db.PlanAsync(asked, ct);
            var team = await db.TeamAsync(asked, ct);
            var campaigns = await db.Campaigns.AsNoTracking()
                .Where(c => c.StartsOn >= asked.FirstDay && c.StartsOn <= asked.LastDay)
                .OrderBy(c => c.StartsOn).ThenBy(c => c.Name).ThenBy(c => c.Id)
                .Bounded()
                .ToListAsync(ct);
            return TypedResults.Ok(new PlanningView(
                plan.Quarter, plan.Budget, plan.Committed, plan.Spent, plan.Remaining, team?.Headcount, team?.Month, [.. campaigns.Select(CampaignView.Of)]));
        }).WithTags("Planning").WithName("marketing-planning");
        return api;
    }
}

/// <summary>
/// A quarter's plan: <see cref="Remaining"/> is the budget less what launched campaigns committed;
/// <see cref="Campaigns"/> are the quarter's first <see cref="ListLimit.MaxItems"/>;
/// <see cref="TeamSize"/> is the marketing headcount of <see cref="TeamSizeMonth"/>, the quarter's latest month HR reported.
/// </summary>
public sealed record PlanningView(
    [property: MaxLength(FiscalQuarter.Length)] string Quarter,
    decimal Budget,
    decimal Committed,
    decimal Spent,
    decimal Remaining,
    int? TeamSize,
    [property: MaxLength(Month.Length)] string? TeamSizeMonth,
    [property: MaxLength(ListLimit.MaxItems)] IReadOnlyList<CampaignView> Campaigns);
