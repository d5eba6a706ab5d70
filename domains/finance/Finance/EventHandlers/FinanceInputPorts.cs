using DataMesh.DataProducts.Registration;
using Finance.Commands;
using Finance.Model;
using Finance.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Finance.EventHandlers;

/// <summary>What finance does with the events of the products it consumes, each applied once with its inbox entry.</summary>
public static class FinanceInputPorts
{
    public const string Employees = "employees";
    public const string Campaigns = "campaigns";

    /// <summary>The cost center campaign spend is booked on; the marketing department's, unless configured.</summary>
    public const string MarketingCostCenterSetting = "Finance:MarketingCostCenter";

    public static DataProductsBuilder<FinanceDbContext> HandleFinanceInputPorts(this DataProductsBuilder<FinanceDbContext> dataProducts, string marketingCostCenter) => dataProducts
        .OnEvent<EmployeeHired>(Employees, nameof(EmployeeHired), (hired, consumed, db, ct) =>
            PayrollOf(db).StartAsync(hired.EmployeeId, hired.CostCenter, hired.MonthlySalary, hired.HiredOn, ct))
        .OnEvent<EmployeeChanged>(Employees, nameof(EmployeeChanged), (changed, consumed, db, ct) =>
            PayrollOf(db).ChangeAsync(changed.EmployeeId, changed.CostCenter, changed.MonthlySalary, changed.EffectiveOn, ct))
        .OnEvent<EmployeeTerminated>(Employees, nameof(EmployeeTerminated), (terminated, consumed, db, ct) =>
            PayrollOf(db).EndAsync(terminated.EmployeeId, terminated.LastDay, ct))
        .OnEvent<CampaignSpendRecorded>(Campaigns, nameof(CampaignSpendRecorded), (spend, consumed, db, ct) =>
            LedgerOf(db).RecordExpenseAsync(
                Guid.CreateVersion7(), marketingCostCenter, BudgetCategory.Marketing, spend.Amount, spend.SpentOn, spend.Vendor, ("marketing.campaigns", spend.SpendId.ToString()), ct));

    // The inbox resolved db from the delivery's scope; EF hands out that scope's services, so the commands share
    // the db and its transaction.
    private static Ledger LedgerOf(FinanceDbContext db) => db.GetService<Ledger>();

    private static Payroll PayrollOf(FinanceDbContext db) => db.GetService<Payroll>();
}
