using DataMesh.DomainServices.Calendar;
using Marketing.Model;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Persistence;

/// <summary>Sums a quarter's marketing budget, commitments and spend in the database.</summary>
public static class PlanningQuery
{
    public static async Task<QuarterPlan> PlanAsync(this MarketingDbContext db, FiscalQuarter quarter, CancellationToken cancellationToken)
    {
        var fiscalQuarter = quarter.ToString();
        var budget = await db.Budgets
            .Where(b => b.FiscalQuarter == fiscalQuarter && b.Category == Budget.MarketingCategory)
            .SumAsync(b => b.Amount, cancellationToken);
        var running = db.Campaigns.Where(c => c.StartsOn >= quarter.FirstDay && c.StartsOn <= quarter.LastDay && c.Status != CampaignStatus.Planned);
        var committed = await running.SumAsync(c => c.Spend > c.BudgetCap ? c.Spend : c.BudgetCap, cancellationToken);
        var spent = await running.SumAsync(c => c.Spend, cancellationToken);
        return new QuarterPlan(fiscalQuarter, budget, committed, spent);
    }

    /// <summary>
    /// Holds, until the transaction ends, the quarter's lock: two launches or spends of one quarter each check the
    /// ceiling against the other's result instead of both passing on the same figures.
    /// </summary>
    public static async Task LockQuarterAsync(this MarketingDbContext db, FiscalQuarter quarter, CancellationToken cancellationToken)
    {
        var key = $"marketing.quarter:{quarter}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
    }

    /// <summary>The marketing team's headcount in the latest month of the quarter that HR has reported, if any.</summary>
    public static async Task<TeamHeadcount?> TeamAsync(this MarketingDbContext db, FiscalQuarter quarter, CancellationToken cancellationToken)
    {
        var months = new[] { quarter.FirstMonth, quarter.FirstMonth.Next, quarter.LastMonth }.Select(m => m.ToString()).ToList();
        return await db.TeamHeadcounts.AsNoTracking()
            .Where(t => months.Contains(t.Month))
            .OrderByDescending(t => t.Month)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
