namespace Finance.DataProducts;

/// <summary>The data product and port of the cost center actuals, as <c>cost-center-actuals.odps.yaml</c> declares them.</summary>
public static class ActualsEvents
{
    public const string DataProductId = "finance.cost-center-actuals";
    public const string Port = "actuals-events";
}

public sealed record CostCenterActualsChanged(string CostCenter, string FiscalQuarter, decimal Budget, decimal Expenses, decimal Payroll, decimal Remaining);
