using DataMesh.DataProducts.Registration;
using DataMesh.DomainServices;
using Marketing.Api;
using Marketing.Commands;
using Marketing.EventHandlers;
using Marketing.Persistence;

const string Domain = "marketing";

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDomainService<MarketingDbContext>(Domain);
// Here, not in the platform: the validation source generator finds the request types of the assembly that calls it.
builder.Services.AddValidation();
builder.AddDemoData<MarketingDemoData>();
builder.AddDataProducts<MarketingDbContext>(Domain).OnMarketingInputs();
builder.Services.AddScoped<Campaigning>();
builder.Services.AddScoped<LeadPipeline>();

var app = builder.Build();
app.MapDataProductSubscriptions();
app.MapDomainService(Domain)
    .MapCampaignsApi()
    .MapLeadsApi()
    .MapPlanningApi(TimeProvider.System);
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
