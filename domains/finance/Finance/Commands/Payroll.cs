using DataMesh.DomainServices.Calendar;
using Finance.Model;
using Finance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Finance.Commands;

/// <summary>
/// Keeps the payroll lines in step with HR's employee events: a hire starts a line, a change of salary or cost
/// center ends the running line and starts the next, a termination ends it. The affected quarters' actuals are
/// published after each.
/// </summary>
public sealed class Payroll(FinanceDbContext db, Ledger ledger)
{
    public async Task StartAsync(Guid employeeId, string costCenter, decimal monthlyAmount, DateOnly hiredOn, CancellationToken cancellationToken)
    {
        var from = Month.Of(hiredOn);
        db.PayrollLines.Add(new PayrollLine { Id = Guid.CreateVersion7(), EmployeeId = employeeId, CostCenter = costCenter, MonthlyAmount = monthlyAmount, FromMonth = from.FirstDay });
        await db.SaveChangesAsync(cancellationToken);
        await ledger.PublishActualsAsync(costCenter, FiscalQuarter.Of(from), cancellationToken);
    }

    public async Task ChangeAsync(Guid employeeId, string costCenter, decimal monthlyAmount, DateOnly effectiveOn, CancellationToken cancellationToken)
    {
        var from = Month.Of(effectiveOn);
        var running = await RunningLineAsync(employeeId, cancellationToken);
        if (running is not null && running.CostCenter == costCenter && running.MonthlyAmount == monthlyAmount)
        {
            return;
        }

        if (running is not null)
        {
            End(running, from.Previous);
        }

        db.PayrollLines.Add(new PayrollLine { Id = Guid.CreateVersion7(), EmployeeId = employeeId, CostCenter = costCenter, MonthlyAmount = monthlyAmount, FromMonth = from.FirstDay });
        await db.SaveChangesAsync(cancellationToken);
        if (running is not null && running.CostCenter != costCenter)
        {
            await ledger.PublishActualsAsync(running.CostCenter, FiscalQuarter.Of(from), cancellationToken);
        }

        await ledger.PublishActualsAsync(costCenter, FiscalQuarter.Of(from), cancellationToken);
    }

    /// <summary>The month of the last day is the last month paid.</summary>
    public async Task EndAsync(Guid employeeId, DateOnly lastDay, CancellationToken cancellationToken)
    {
        if (await RunningLineAsync(employeeId, cancellationToken) is not { } running)
        {
            return;
        }

        End(running, Month.Of(lastDay));
        await db.SaveChangesAsync(cancellationToken);
        await ledger.PublishActualsAsync(running.CostCenter, FiscalQuarter.Of(lastDay), cancellationToken);
    }

    /// <summary>Ends the line after <paramref name="lastMonth"/>; a line that would end before it starts never costs anything.</summary>
    private void End(PayrollLine line, Month lastMonth)
    {
        if (lastMonth.FirstDay < line.FromMonth)
        {
            db.PayrollLines.Remove(line);
            return;
        }

        line.ToMonth = lastMonth.FirstDay;
    }

    private Task<PayrollLine?> RunningLineAsync(Guid employeeId, CancellationToken cancellationToken) =>
        db.PayrollLines.Where(l => l.EmployeeId == employeeId && l.ToMonth == null).OrderByDescending(l => l.FromMonth).FirstOrDefaultAsync(cancellationToken);
}
