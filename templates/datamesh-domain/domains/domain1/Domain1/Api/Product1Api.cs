using DataMesh.DomainServices.Concurrency;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.Paging;
using DataMesh.DomainServices.Problems;
using Domain1.Commands;
using Domain1.Model;
using Domain1.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Domain1.Api;

/// <summary>
/// The query endpoint of the <c>domain1.product1</c> data product (the <c>api</c> server of its contract) and the
/// commands that change it.
/// </summary>
public static class Product1Api
{
    public const string Path = "/api/domain1/product1";

    public static RouteGroupBuilder MapProduct1Api(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/product1").WithTags("Product1");
        group.MapGet("/", ListAsync).WithName("domain1-list-product1");
        group.MapGet("/{id:guid}", GetAsync).WithName("domain1-get-entity1");
        group.MapPost("/", RecordAsync).WithIdempotencyKey().WithName("domain1-record-entity1");
        group.MapPost("/{id:guid}/closure", CloseAsync).WithIdempotencyKey().WithName("domain1-close-entity1");
        return api;
    }

    private static async Task<Ok<Page<Entity1View>>> ListAsync([AsParameters] Product1ListQuery query, Domain1DbContext db, CancellationToken ct)
    {
        var ordered = db.Product1.AsNoTracking()
            .Where(e => query.Entity1Status == null || e.Status == query.Entity1Status)
            .OrderBy(e => e.RecordedOn).ThenBy(e => e.Id);
        var page = await ordered.ToPageAsync(query.PageRequest, ct);
        return TypedResults.Ok(new Page<Entity1View>([.. page.Items.Select(Entity1View.Of)], page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static async Task<Ok<Entity1View>> GetAsync(Guid id, Domain1DbContext db, HttpResponse response, CancellationToken ct)
    {
        var entity1 = await FindAsync(db, id, ct);
        response.Headers.ETag = EntityVersion.ETag(entity1.Version);
        return TypedResults.Ok(Entity1View.Of(entity1));
    }

    private static async Task<Created<Entity1View>> RecordAsync(RecordEntity1 request, Entity1Book book, HttpResponse response, CancellationToken ct)
    {
        var entity1 = await book.RecordAsync(Guid.CreateVersion7(), request.Name, request.Amount, request.RecordedOn, ct);
        response.Headers.ETag = EntityVersion.ETag(entity1.Version);
        return TypedResults.Created($"{Path}/{entity1.Id}", Entity1View.Of(entity1));
    }

    private static async Task<Results<Ok<Entity1View>, ProblemHttpResult>> CloseAsync(
        Guid id, CloseEntity1 request, Entity1Book book, Domain1DbContext db, HttpRequest http, CancellationToken ct)
    {
        var entity1 = await FindAsync(db, id, ct);
        if (db.ExpectVersion(entity1, http) is { } precondition)
        {
            return precondition;
        }

        await book.CloseAsync(entity1, request.ClosedOn, ct);
        http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(entity1.Version);
        return TypedResults.Ok(Entity1View.Of(entity1));
    }

    private static async Task<Entity1> FindAsync(Domain1DbContext db, Guid id, CancellationToken ct) =>
        await db.Product1.SingleOrDefaultAsync(e => e.Id == id, ct)
        ?? throw DomainRuleViolation.NotFound("id", nameof(Entity1), id);
}
