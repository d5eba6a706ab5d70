using DataMesh.DomainServices.Concurrency;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.Paging;
using DataMesh.DomainServices.Problems;
using Marketing.Commands;
using Marketing.Model;
using Marketing.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Api;

public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", ListAsync).WithName("marketing-list-campaigns");
        campaigns.MapGet("/{id:guid}", GetAsync).WithName("marketing-get-campaign");
        campaigns.MapPost("/", PlanAsync).WithIdempotencyKey().WithName("marketing-plan-campaign");
        campaigns.MapPost("/{id:guid}/launch", LaunchAsync).WithIdempotencyKey().WithName("marketing-launch-campaign");
        campaigns.MapGet("/{id:guid}/spend", ListSpendAsync).WithListLimit().WithName("marketing-list-campaign-spend");
        campaigns.MapPost("/{id:guid}/spend", RecordSpendAsync).WithIdempotencyKey().WithName("marketing-record-campaign-spend");
        campaigns.MapPost("/{id:guid}/completion", CompleteAsync).WithIdempotencyKey().WithName("marketing-complete-campaign");
        return api;
    }

    private static async Task<Ok<Page<CampaignView>>> ListAsync([AsParameters] CampaignListQuery query, MarketingDbContext db, CancellationToken ct)
    {
        var (first, last) = query.FiscalQuarter is { } quarter ? (quarter.FirstDay, quarter.LastDay) : (DateOnly.MinValue, DateOnly.MaxValue);
        var campaigns = db.Campaigns.AsNoTracking()
            .Where(c => query.CampaignStatus == null || c.Status == query.CampaignStatus)
            .Where(c => query.CampaignChannel == null || c.Channel == query.CampaignChannel)
            .Where(c => c.StartsOn >= first && c.StartsOn <= last)
            .OrderBy(c => c.StartsOn).ThenBy(c => c.Name).ThenBy(c => c.Id);
        var page = await campaigns.ToPageAsync(query.PageRequest, ct);
        return TypedResults.Ok(new Page<CampaignView>([.. page.Items.Select(CampaignView.Of)], page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static async Task<Ok<CampaignView>> GetAsync(Guid id, MarketingDbContext db, HttpResponse response, CancellationToken ct)
    {
        var campaign = await FindAsync(db, id, ct);
        response.Headers.ETag = EntityVersion.ETag(campaign.Version);
        return TypedResults.Ok(CampaignView.Of(campaign));
    }

    private static async Task<Created<CampaignView>> PlanAsync(PlanCampaign request, Campaigning campaigning, HttpResponse response, CancellationToken ct)
    {
        var campaign = await campaigning.PlanAsync(Guid.CreateVersion7(), request.Name, request.CampaignChannel, request.StartsOn, request.EndsOn, request.BudgetCap, ct);
        response.Headers.ETag = EntityVersion.ETag(campaign.Version);
        return TypedResults.Created($"/api/marketing/campaigns/{campaign.Id}", CampaignView.Of(campaign));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> LaunchAsync(
        Guid id, Campaigning campaigning, MarketingDbContext db, HttpRequest http, CancellationToken ct)
    {
        var campaign = await FindAsync(db, id, ct);
        if (db.ExpectVersion(campaign, http) is { } precondition)
        {
            return precondition;
        }

        await campaigning.LaunchAsync(campaign, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(campaign.Version);
        return TypedResults.Ok(CampaignView.Of(campaign));
    }

    private static async Task<Ok<List<CampaignSpendView>>> ListSpendAsync(Guid id, MarketingDbContext db, CancellationToken ct)
    {
        await FindAsync(db, id, ct);
        var spend = await db.CampaignSpends.AsNoTracking().Where(s => s.CampaignId == id).OrderBy(s => s.SpentOn).ThenBy(s => s.Id).Bounded().ToListAsync(ct);
        return TypedResults.Ok(spend.Select(CampaignSpendView.Of).ToList());
    }

    private static async Task<Results<Created<CampaignSpendView>, ProblemHttpResult>> RecordSpendAsync(
        Guid id, RecordSpend request, Campaigning campaigning, MarketingDbContext db, HttpRequest http, CancellationToken ct)
    {
        var campaign = await FindAsync(db, id, ct);
        if (db.ExpectVersion(campaign, http) is { } precondition)
        {
            return precondition;
        }

        var spend = await campaigning.RecordSpendAsync(campaign, Guid.CreateVersion7(), request.Amount, request.SpentOn, request.Vendor, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(campaign.Version);
        return TypedResults.Created($"/api/marketing/campaigns/{id}/spend", CampaignSpendView.Of(spend));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> CompleteAsync(
        Guid id, CompleteCampaign request, Campaigning campaigning, MarketingDbContext db, HttpRequest http, CancellationToken ct)
    {
        var campaign = await FindAsync(db, id, ct);
        if (db.ExpectVersion(campaign, http) is { } precondition)
        {
            return precondition;
        }

        await campaigning.CompleteAsync(campaign, request.CompletedOn, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(campaign.Version);
        return TypedResults.Ok(CampaignView.Of(campaign));
    }

    private static async Task<Campaign> FindAsync(MarketingDbContext db, Guid id, CancellationToken ct) =>
        await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct)
        ?? throw DomainRuleViolation.NotFound("id", "campaign", id);
}
