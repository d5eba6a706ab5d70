using DataMesh.DataProducts.Registration;
using Domain1.DataProducts;
using Domain1.Persistence;

namespace Domain1.EventHandlers;

public static class Domain1InputPorts
{
//#if (consumesHeadcount)
    /// <summary>What the domain does with the events of <c>hr.headcount</c>.</summary>
    public static DataProductsBuilder<Domain1DbContext> OnDomain1Inputs(this DataProductsBuilder<Domain1DbContext> dataProducts) => dataProducts
        .OnEvent<HeadcountFigures>(HeadcountEvents.InputPort, HeadcountEvents.Changed, HeadcountHandler.ApplyAsync);
//#endif
//#if (consumesBudgets)
    /// <summary>What the domain does with the events of <c>finance.budgets</c>.</summary>
    public static DataProductsBuilder<Domain1DbContext> OnDomain1Inputs(this DataProductsBuilder<Domain1DbContext> dataProducts) => dataProducts
        .OnEvent<BudgetAmount>(BudgetEvents.InputPort, BudgetEvents.Allocated, BudgetHandler.ApplyAsync)
        .OnEvent<BudgetAmount>(BudgetEvents.InputPort, BudgetEvents.Changed, BudgetHandler.ApplyAsync);
//#endif
}
