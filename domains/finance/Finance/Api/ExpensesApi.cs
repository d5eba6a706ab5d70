using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using Calendar = DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.Paging;
using Finance.Commands;
using Finance.Model;
using Finance.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Finance.Api;

public static class ExpensesApi
{
    public static RouteGroupBuilder MapExpensesApi(this RouteGroupBuilder api)
    {
        var expenses = api.MapGroup("/expenses").WithTags("Expenses");
        expenses.MapGet("/", async ([AsParameters] ExpenseListQuery query, FinanceDbContext db, CancellationToken ct) =>
        {
            FiscalQuarter? quarter = FiscalQuarter.TryParse(query.FiscalQuarter, out var parsed) ? parsed : null;
            var (from, to) = (quarter?.FirstDay ?? DateOnly.MinValue, quarter?.LastDay ?? DateOnly.MaxValue);
            var page = await db.Expenses.AsNoTracking()
                .Where(e => query.CostCenter == null || e.CostCenter == query.CostCenter)
                .Where(e => e.SpentOn >= from && e.SpentOn <= to)
                .OrderByDescending(e => e.SpentOn).ThenBy(e => e.Id)
                .ToPageAsync(query.PageRequest, ct);
            return TypedResults.Ok(new Page<ExpenseView>([.. page.Items.Select(ExpenseView.Of)], page.PageNumber, page.PageSize, page.TotalCount));
        }).WithName("finance-list-expenses");
        expenses.MapPost("/", async Task<Created<ExpenseView>> (RecordExpense request, Ledger ledger, CancellationToken ct) =>
        {
            var expense = await ledger.RecordExpenseAsync(Guid.CreateVersion7(), request.CostCenter, request.Category, request.Amount, request.SpentOn, request.Vendor, source: null, ct);
            return TypedResults.Created($"/api/finance/expenses/{expense.Id}", ExpenseView.Of(expense));
        }).WithIdempotencyKey().WithName("finance-record-expense");
        return api;
    }
}

public sealed record ExpenseView(
    Guid Id,
    [property: MaxLength(Model.CostCenter.CodeLength)] string CostCenter,
    BudgetCategory Category,
    decimal Amount,
    DateOnly SpentOn,
    [property: MaxLength(Expense.VendorLength)] string Vendor,
    [property: MaxLength(Expense.SourceDataProductLength)] string? SourceDataProduct)
{
    public static ExpenseView Of(Expense e) => new(e.Id, e.CostCenter, e.Category, e.Amount, e.SpentOn, e.Vendor, e.SourceDataProduct);
}

public sealed record RecordExpense(
    [property: Required, StringLength(Model.CostCenter.CodeLength)] string CostCenter,
    BudgetCategory Category,
    [property: Range(typeof(decimal), "0.01", "100000000")] decimal Amount,
    DateOnly SpentOn,
    [property: Required, StringLength(Expense.VendorLength, MinimumLength = 1)] string Vendor);

/// <summary>A page of expenses, optionally of one cost center and quarter.</summary>
public sealed record ExpenseListQuery
{
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    [Range(1, PageRequest.MaxPageSize)]
    public int? PageSize { get; init; }

    [StringLength(Model.CostCenter.CodeLength)]
    public string? CostCenter { get; init; }

    [StringLength(Calendar.FiscalQuarter.Length), RegularExpression("^[0-9]{4}-Q[1-4]$", ErrorMessage = "A fiscal quarter is written yyyy-Qn, e.g. 2026-Q4.")]
    public string? FiscalQuarter { get; init; }

    public PageRequest PageRequest => new() { Page = Page ?? 1, PageSize = PageSize ?? 20 };
}
