using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Persistence;
using Finance.Commands;
using Finance.Model;
using Microsoft.EntityFrameworkCore;

namespace Finance.Persistence;

/// <summary>
/// The cost centers HR's departments book on, with budgets for two quarters, allocated through the
/// <see cref="Ledger"/> so that marketing receives its ceilings as events. Fixed ids: the same demo everywhere.
/// </summary>
public sealed class FinanceDemoData(FinanceDbContext db, Ledger ledger) : IDemoData
{
    private static readonly (string Code, string Name)[] CostCenters =
    [
        ("CC-100", "Engineering"),
        ("CC-200", "People"),
        ("CC-300", "Marketing"),
        ("CC-400", "Operations"),
    ];

    private static readonly (int Number, string CostCenter, string Quarter, BudgetCategory Category, decimal Amount)[] Budgets =
    [
        (1, "CC-100", "2026-Q4", BudgetCategory.Payroll, 120_000m),
        (2, "CC-200", "2026-Q4", BudgetCategory.Payroll, 40_000m),
        (3, "CC-300", "2026-Q4", BudgetCategory.Payroll, 55_000m),
        (4, "CC-300", "2026-Q4", BudgetCategory.Marketing, 60_000m),
        (5, "CC-400", "2026-Q4", BudgetCategory.Operations, 25_000m),
        (6, "CC-300", "2027-Q1", BudgetCategory.Marketing, 75_000m),
    ];

    public Task<bool> IsPresentAsync(CancellationToken cancellationToken) => db.CostCenters.AnyAsync(cancellationToken);

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (code, name) in CostCenters)
        {
            await ledger.OpenCostCenterAsync(code, name, cancellationToken);
        }

        foreach (var budget in Budgets)
        {
            FiscalQuarter.TryParse(budget.Quarter, out var quarter);
            await ledger.AllocateBudgetAsync(
                Guid.Parse($"0b000000-0000-4000-8000-{budget.Number:D12}"), budget.CostCenter, quarter, budget.Category, budget.Amount, cancellationToken);
        }
    }
}
