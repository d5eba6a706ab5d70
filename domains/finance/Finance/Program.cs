using DataMesh.DataProducts.Registration;
using DataMesh.DomainServices;
using Finance.Api;
using Finance.Commands;
using Finance.EventHandlers;
using Finance.Persistence;

const string Domain = "finance";

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDomainService<FinanceDbContext>(Domain);
// Here, not in the platform: the validation source generator finds the request types of the assembly that calls it.
builder.Services.AddValidation();
builder.AddDemoData<FinanceDemoData>();
builder.AddDataProducts<FinanceDbContext>(Domain)
    .HandleFinanceInputPorts(builder.Configuration[FinanceInputPorts.MarketingCostCenterSetting] ?? "CC-300");
builder.Services.AddScoped<Ledger>();
builder.Services.AddScoped<Payroll>();

var app = builder.Build();
app.MapDataProductSubscriptions();
app.MapDomainService(Domain)
    .MapBudgetsApi()
    .MapExpensesApi()
    .MapPayrollApi()
    .MapActualsApi();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
