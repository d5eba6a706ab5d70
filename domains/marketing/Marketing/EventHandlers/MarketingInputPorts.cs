using DataMesh.DataProducts.Registration;
using Marketing.DataProducts;
using Marketing.Persistence;

namespace Marketing.EventHandlers;

public static class MarketingInputPorts
{
    /// <summary>What marketing does with the events of <c>finance.budgets</c> and <c>hr.headcount</c>.</summary>
    public static DataProductsBuilder<MarketingDbContext> OnMarketingInputs(this DataProductsBuilder<MarketingDbContext> dataProducts) => dataProducts
        .OnEvent<BudgetAmount>(BudgetEvents.InputPort, BudgetEvents.Allocated, BudgetHandler.ApplyAsync)
        .OnEvent<BudgetAmount>(BudgetEvents.InputPort, BudgetEvents.Changed, BudgetHandler.ApplyAsync)
        .OnEvent<HeadcountFigures>(HeadcountEvents.InputPort, HeadcountEvents.Changed, HeadcountHandler.ApplyAsync);
}
