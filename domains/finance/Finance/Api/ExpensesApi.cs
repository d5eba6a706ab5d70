using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
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
                .ToPageAsync(new PageRequest { Page = query.Page, PageSize = query.PageSize }, ct);
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

public sealed record ExpenseView(Guid Id, string CostCenter, BudgetCategory Category, decimal Amount, DateOnly SpentOn, string Vendor, string? SourceDataProduct)
{
    public static ExpenseView Of(Expense e) => new(e.Id, e.CostCenter, e.Category, e.Amount, e.SpentOn, e.Vendor, e.SourceDataProduct);
}

public sealed record RecordExpense(
    [property: Required, StringLength(20)] string CostCenter,
    BudgetCategory Category,
    [property: Range(typeof(decimal), "0.01", "100000000")] decimal Amount,
    DateOnly SpentOn,
    [property: Required, StringLength(200, MinimumLength = 1)] string Vendor);

public sealed record ExpenseListQuery(
    [Range(1, int.MaxValue)] int Page = 1,
    [Range(1, PageRequest.MaxPageSize)] int PageSize = 20,
    string? CostCenter = null,
    [RegularExpression("^[0-9]{4}-Q[1-4]$")] string? FiscalQuarter = null);
