using System.ComponentModel.DataAnnotations;

namespace Finance.Model;

/// <summary>A cost center's budget against what it spent and its payroll, in one fiscal quarter (EUR).</summary>
public sealed record CostCenterActuals([property: MaxLength(Model.CostCenter.CodeLength)] string CostCenter, [property: MaxLength(DataMesh.DomainServices.Calendar.FiscalQuarter.Length)] string FiscalQuarter, decimal Budget, decimal Expenses, decimal Payroll)
{
    public decimal Remaining => Budget - Expenses - Payroll;
}
