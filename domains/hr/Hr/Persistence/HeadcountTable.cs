using Hr.Model;
using Microsoft.EntityFrameworkCore;

namespace Hr.Persistence;

/// <summary>
/// The table of headcount's SQL output port (contract <c>hr.headcount.tables</c>, schema <c>headcount_v1</c>, made by
/// the migration SqlOutputPorts): one row per department and month, the figures as they are after the newest change.
/// Written in the transaction of the change that moved them, beside the outbox row of the same figures, so a
/// consumer reading the table never sees figures the domain has not committed, nor misses ones it has.
/// </summary>
public static class HeadcountTable
{
    public static Task KeepHeadcountAsync(this HrDbContext db, HeadcountFigures figures, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO headcount_v1.headcount (department, month, headcount, hires, leavers)
            VALUES ({figures.Department}, {figures.Month}, {figures.Headcount}, {figures.Hires}, {figures.Leavers})
            ON CONFLICT (department, month) DO UPDATE
            SET headcount = EXCLUDED.headcount, hires = EXCLUDED.hires, leavers = EXCLUDED.leavers
            """,
            cancellationToken);
}
