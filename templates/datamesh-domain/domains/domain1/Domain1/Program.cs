using DataMesh.DataProducts.Registration;
using DataMesh.DomainServices;
using Domain1.Api;
using Domain1.Commands;
//#if (consumes)
using Domain1.EventHandlers;
//#endif
using Domain1.Persistence;

const string Domain = "domain1";

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDomainService<Domain1DbContext>(Domain);
// Here, not in the platform: the validation source generator finds the request types of the assembly that calls it.
builder.Services.AddValidation();
builder.AddDemoData<Domain1DemoData>();
//#if (consumes)
builder.AddDataProducts<Domain1DbContext>(Domain).OnDomain1Inputs();
//#else
builder.AddDataProducts<Domain1DbContext>(Domain);
//#endif
builder.Services.AddScoped<Entity1Book>();

var app = builder.Build();
app.MapDataProductSubscriptions();
app.MapDomainService(Domain)
//#if (consumesHeadcount)
    .MapHeadcountApi()
//#endif
//#if (consumesBudgets)
    .MapBudgetsApi()
//#endif
    .MapProduct1Api();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
