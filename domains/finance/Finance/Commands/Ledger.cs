using DataMesh.DataProducts.Publishing;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Persistence;
using DataMesh.DomainServices.Problems;
using Finance.DataProducts;
using Finance.Model;
using Finance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Finance.Commands;

/// <summary>
/// Finance's commands on budgets and expenses. Each publishes what changed on <c>finance.budgets</c> and the
/// affected cost center's new figures on <c>finance.cost-center-actuals</c>, in one transaction with the outbox.
/// </summary>
public sealed class Ledger(FinanceDbContext db, DataProductPublisher publisher)
{
    private OutputPortPublisher BudgetPort => publisher.OutputPort(BudgetEvents.DataProductId, BudgetEvents.Port);

    private OutputPortPublisher ActualsPort => publisher.OutputPort(ActualsEvents.DataProductId, ActualsEvents.Port);

    public async Task<CostCenter> OpenCostCenterAsync(string code, string name, CancellationToken cancellationToken)
    {
        if (await db.CostCenters.AnyAsync(c => c.Code == code, cancellationToken))
        {
            throw new DomainRuleViolation("code", $"Cost center {code} exists already.", StatusCodes.Status409Conflict);
        }

        var costCenter = new CostCenter { Code = code, Name = name };
        db.CostCenters.Add(costCenter);
        await db.SaveChangesAsync(cancellationToken);
        return costCenter;
    }

    public Task<Budget> AllocateBudgetAsync(Guid id, string costCenter, FiscalQuarter quarter, BudgetCategory category, decimal amount, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            await RequireCostCenterAsync(costCenter, ct);
            var quarterText = quarter.ToString();
            if (await db.Budgets.AnyAsync(b => b.CostCenter == costCenter && b.FiscalQuarter == quarterText && b.Category == category, ct))
            {
                throw new DomainRuleViolation(
                    "category", $"{costCenter} has a {category.ToString().ToLowerInvariant()} budget for {quarterText} already; change its amount instead.", StatusCodes.Status409Conflict);
            }

            var budget = new Budget { Id = id, CostCenter = costCenter, FiscalQuarter = quarterText, Category = category, Amount = amount };
            db.Budgets.Add(budget);
            BudgetPort.Publish(db, nameof(BudgetAllocated), id.ToString(), new BudgetAllocated(id, costCenter, quarterText, category, amount));
            await db.SaveChangesAsync(ct);
            await PublishActualsAsync(costCenter, quarter, ct);
            return budget;
        }, cancellationToken);

    public Task<Budget> ChangeBudgetAsync(Budget budget, decimal amount, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            budget.Amount = amount;
            BudgetPort.Publish(db, nameof(BudgetChanged), budget.Id.ToString(), new BudgetChanged(budget.Id, budget.CostCenter, budget.FiscalQuarter, budget.Category, amount));
            await db.SaveChangesAsync(ct);
            FiscalQuarter.TryParse(budget.FiscalQuarter, out var quarter);
            await PublishActualsAsync(budget.CostCenter, quarter, ct);
            return budget;
        }, cancellationToken);

    /// <summary>Records an expense; one from another domain's event carries its source, so it is booked once.</summary>
    public Task<Expense> RecordExpenseAsync(
        Guid id, string costCenter, BudgetCategory category, decimal amount, DateOnly spentOn, string vendor, (string DataProduct, string Id)? source, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            await RequireCostCenterAsync(costCenter, ct);
            var expense = new Expense
            {
                Id = id,
                CostCenter = costCenter,
                Category = category,
                Amount = amount,
                SpentOn = spentOn,
                Vendor = vendor,
                SourceDataProduct = source?.DataProduct,
                SourceId = source?.Id,
            };
            db.Expenses.Add(expense);
            await db.SaveChangesAsync(ct);
            await PublishActualsAsync(costCenter, FiscalQuarter.Of(spentOn), ct);
            return expense;
        }, cancellationToken);

    /// <summary>
    /// Publishes the cost center's figures of the quarter as they are after a change, read inside its transaction, and
    /// keeps them in the actuals SQL port's table in the same transaction.
    /// </summary>
    public async Task PublishActualsAsync(string costCenter, FiscalQuarter quarter, CancellationToken cancellationToken)
    {
        if ((await db.ActualsAsync(quarter, costCenter, cancellationToken)).SingleOrDefault() is not { } actuals)
        {
            return;
        }

        await db.KeepActualsAsync(actuals, cancellationToken);

        ActualsPort.Publish(db, nameof(CostCenterActualsChanged), $"{actuals.CostCenter}/{actuals.FiscalQuarter}", new CostCenterActualsChanged(
            actuals.CostCenter, actuals.FiscalQuarter, actuals.Budget, actuals.Expenses, actuals.Payroll, actuals.Remaining));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RequireCostCenterAsync(string code, CancellationToken cancellationToken)
    {
        if (!await db.CostCenters.AnyAsync(c => c.Code == code, cancellationToken))
        {
            throw new DomainRuleViolation("costCenter", $"No cost center {code}.");
        }
    }
}
