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

public static class LeadsApi
{
    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapGet("/", ListAsync).WithName("marketing-list-leads");
        leads.MapGet("/{id:guid}", GetAsync).WithName("marketing-get-lead");
        leads.MapPost("/", CaptureAsync).WithIdempotencyKey().WithName("marketing-capture-lead");
        leads.MapPost("/{id:guid}/conversion", ConvertAsync).WithIdempotencyKey().WithName("marketing-convert-lead");
        return api;
    }

    private static async Task<Ok<Page<LeadView>>> ListAsync([AsParameters] LeadListQuery query, MarketingDbContext db, CancellationToken ct)
    {
        var leads = db.Leads.AsNoTracking()
            .Where(l => query.LeadStatus == null || l.Status == query.LeadStatus)
            .Where(l => query.CampaignId == null || l.CampaignId == query.CampaignId)
            .OrderBy(l => l.CapturedOn).ThenBy(l => l.Name).ThenBy(l => l.Id);
        var page = await leads.ToPageAsync(query.PageRequest, ct);
        return TypedResults.Ok(new Page<LeadView>([.. page.Items.Select(LeadView.Of)], page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static async Task<Ok<LeadView>> GetAsync(Guid id, MarketingDbContext db, HttpResponse response, CancellationToken ct)
    {
        var lead = await FindAsync(db, id, ct);
        response.Headers.ETag = EntityVersion.ETag(lead.Version);
        return TypedResults.Ok(LeadView.Of(lead));
    }

    private static async Task<Created<LeadView>> CaptureAsync(CaptureLead request, LeadPipeline pipeline, HttpResponse response, CancellationToken ct)
    {
        var lead = await pipeline.CaptureAsync(Guid.CreateVersion7(), request.Name, request.Email, request.CampaignId, request.CapturedOn, ct);
        response.Headers.ETag = EntityVersion.ETag(lead.Version);
        return TypedResults.Created($"/api/marketing/leads/{lead.Id}", LeadView.Of(lead));
    }

    private static async Task<Results<Ok<LeadView>, ProblemHttpResult>> ConvertAsync(
        Guid id, ConvertLead request, LeadPipeline pipeline, MarketingDbContext db, HttpRequest http, CancellationToken ct)
    {
        var lead = await FindAsync(db, id, ct);
        if (db.ExpectVersion(lead, http) is { } precondition)
        {
            return precondition;
        }

        await pipeline.ConvertAsync(lead, request.ConvertedOn, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(lead.Version);
        return TypedResults.Ok(LeadView.Of(lead));
    }

    private static async Task<Lead> FindAsync(MarketingDbContext db, Guid id, CancellationToken ct) =>
        await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct)
        ?? throw DomainRuleViolation.NotFound("id", "lead", id);
}
