using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
using Finance.Model;
using Microsoft.EntityFrameworkCore;

namespace Finance.Persistence;

/// <summary>Computes cost center actuals from budgets, expenses and payroll lines.</summary>
public static class ActualsQuery
{
    public static async Task<IReadOnlyList<CostCenterActuals>> ActualsAsync(this FinanceDbContext db, FiscalQuarter quarter, string? costCenter, CancellationToken cancellationToken)
    {
        var quarterText = quarter.ToString();
        var (first, last) = (quarter.FirstDay, quarter.LastDay);
        var (firstMonth, lastMonth) = (quarter.FirstMonth.FirstDay, quarter.LastMonth.FirstDay);
        var costCenters = await db.CostCenters.Where(c => costCenter == null || c.Code == costCenter).OrderBy(c => c.Code).Bounded().Select(c => c.Code).ToListAsync(cancellationToken);
        var budgets = await db.Budgets.Where(b => b.FiscalQuarter == quarterText && costCenters.Contains(b.CostCenter))
            .GroupBy(b => b.CostCenter).Select(g => new { g.Key, Amount = g.Sum(b => b.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Amount, cancellationToken);
        var expenses = await db.Expenses.Where(e => e.SpentOn >= first && e.SpentOn <= last && costCenters.Contains(e.CostCenter))
            .GroupBy(e => e.CostCenter).Select(g => new { g.Key, Amount = g.Sum(e => e.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Amount, cancellationToken);
        var lines = await db.PayrollLines.AsNoTracking()
            .Where(l => costCenters.Contains(l.CostCenter) && l.FromMonth <= lastMonth && (l.ToMonth == null || l.ToMonth >= firstMonth))
            .ToListAsync(cancellationToken);
        return costCenters.Select(code => new CostCenterActuals(
            code,
            quarterText,
            budgets.GetValueOrDefault(code),
            expenses.GetValueOrDefault(code),
            lines.Where(l => l.CostCenter == code)
                .Sum(l => l.MonthlyAmount * quarter.MonthsOverlapping(Month.Of(l.FromMonth), l.ToMonth is { } to ? Month.Of(to) : null))))
            .ToList();
    }
}
