using Finance.Model;
using Microsoft.EntityFrameworkCore;

namespace Finance.Persistence;

/// <summary>
/// The table of cost center actuals' SQL output port (contract <c>finance.cost-center-actuals.tables</c>, schema
/// <c>cost_center_actuals_v1</c>, made by the migration SqlOutputPorts): one row per cost center and fiscal quarter,
/// the figures as they are after the newest change. Written in the transaction of the change that moved them (a
/// budget, an expense, a payroll line from HR's events), beside the outbox row of the same figures, so a consumer
/// reading the table never sees figures the domain has not committed, nor misses ones it has.
/// </summary>
public static class ActualsTable
{
    public static Task KeepActualsAsync(this FinanceDbContext db, CostCenterActuals actuals, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO cost_center_actuals_v1.actuals (cost_center, fiscal_quarter, budget, expenses, payroll, remaining)
            VALUES ({actuals.CostCenter}, {actuals.FiscalQuarter}, {actuals.Budget}, {actuals.Expenses}, {actuals.Payroll}, {actuals.Remaining})
            ON CONFLICT (cost_center, fiscal_quarter) DO UPDATE
            SET budget = EXCLUDED.budget, expenses = EXCLUDED.expenses, payroll = EXCLUDED.payroll, remaining = EXCLUDED.remaining
            """,
            cancellationToken);
}
