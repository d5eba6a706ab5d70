using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using Calendar = DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Concurrency;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.Paging;
using DataMesh.DomainServices.Problems;
using Finance.Commands;
using Finance.Model;
using Finance.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Finance.Api;

public static class BudgetsApi
{
    public static RouteGroupBuilder MapBudgetsApi(this RouteGroupBuilder api)
    {
        var budgets = api.MapGroup("/budgets").WithTags("Budgets");
        budgets.MapGet("/", async ([AsParameters] BudgetListQuery query, FinanceDbContext db, CancellationToken ct) =>
        {
            var category = query.BudgetCategory;
            var page = await db.Budgets.AsNoTracking()
                .Where(b => query.CostCenter == null || b.CostCenter == query.CostCenter)
                .Where(b => query.FiscalQuarter == null || b.FiscalQuarter == query.FiscalQuarter)
                .Where(b => category == null || b.Category == category)
                .OrderBy(b => b.FiscalQuarter).ThenBy(b => b.CostCenter).ThenBy(b => b.Category)
                .ToPageAsync(query.PageRequest, ct);
            return TypedResults.Ok(new Page<BudgetView>([.. page.Items.Select(BudgetView.Of)], page.PageNumber, page.PageSize, page.TotalCount));
        }).WithName("finance-list-budgets");
        budgets.MapGet("/{id:guid}", async (Guid id, FinanceDbContext db, HttpResponse response, CancellationToken ct) =>
        {
            var budget = await FindAsync(db, id, ct);
            response.Headers.ETag = EntityVersion.ETag(budget.Version);
            return TypedResults.Ok(BudgetView.Of(budget));
        }).WithName("finance-get-budget");
        budgets.MapPost("/", async Task<Results<Created<BudgetView>, ProblemHttpResult>> (AllocateBudget request, Ledger ledger, HttpResponse response, CancellationToken ct) =>
        {
            if (!FiscalQuarter.TryParse(request.FiscalQuarter, out var quarter))
            {
                return FieldProblem.For("fiscalQuarter", $"'{request.FiscalQuarter}' is not a fiscal quarter written yyyy-Qn.");
            }

            var budget = await ledger.AllocateBudgetAsync(Guid.CreateVersion7(), request.CostCenter, quarter, request.Category, request.Amount, ct);
            response.Headers.ETag = EntityVersion.ETag(budget.Version);
            return TypedResults.Created($"/api/finance/budgets/{budget.Id}", BudgetView.Of(budget));
        }).WithIdempotencyKey().WithName("finance-allocate-budget");
        budgets.MapPatch("/{id:guid}", async Task<Results<Ok<BudgetView>, ProblemHttpResult>> (Guid id, ChangeBudget request, Ledger ledger, FinanceDbContext db, HttpRequest http, CancellationToken ct) =>
        {
            var budget = await FindAsync(db, id, ct);
            if (db.ExpectVersion(budget, http) is { } precondition)
            {
                return precondition;
            }

            await ledger.ChangeBudgetAsync(budget, request.Amount, ct);
            http.HttpContext.Response.Headers.ETag = EntityVersion.ETag(budget.Version);
            return TypedResults.Ok(BudgetView.Of(budget));
        }).WithIdempotencyKey().WithName("finance-change-budget");
        return api;
    }

    private static async Task<Budget> FindAsync(FinanceDbContext db, Guid id, CancellationToken ct) =>
        await db.Budgets.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw DomainRuleViolation.NotFound("id", "budget", id);
}

public sealed record BudgetView(Guid Id, [property: MaxLength(Model.CostCenter.CodeLength)] string CostCenter, [property: MaxLength(Calendar.FiscalQuarter.Length)] string FiscalQuarter, BudgetCategory Category, decimal Amount)
{
    public static BudgetView Of(Budget b) => new(b.Id, b.CostCenter, b.FiscalQuarter, b.Category, b.Amount);
}

public sealed record AllocateBudget(
    [property: Required, StringLength(Model.CostCenter.CodeLength)] string CostCenter,
    [property: Required, StringLength(Calendar.FiscalQuarter.Length)] string FiscalQuarter,
    BudgetCategory Category,
    [property: Range(typeof(decimal), "0", "100000000")] decimal Amount);

public sealed record ChangeBudget([property: Range(typeof(decimal), "0", "100000000")] decimal Amount);

/// <summary>A page of budgets, optionally of one cost center, quarter and category.</summary>
public sealed record BudgetListQuery
{
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    [Range(1, PageRequest.MaxPageSize)]
    public int? PageSize { get; init; }

    [StringLength(Model.CostCenter.CodeLength)]
    public string? CostCenter { get; init; }

    [StringLength(Calendar.FiscalQuarter.Length), RegularExpression("^[0-9]{4}-Q[1-4]$", ErrorMessage = "A fiscal quarter is written yyyy-Qn, e.g. 2026-Q4.")]
    public string? FiscalQuarter { get; init; }

    [AllowedValues("payroll", "marketing", "operations", null), StringLength(10)] // the longest is "operations"
    public string? Category { get; init; }

    public PageRequest PageRequest => new() { Page = Page ?? 1, PageSize = PageSize ?? 20 };

    public BudgetCategory? BudgetCategory => Category is null ? null : Enum.Parse<BudgetCategory>(Category, ignoreCase: true);
}
