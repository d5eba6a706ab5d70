using DataMesh.DataProducts.Registration;
using DataMesh.DomainServices;
using Hr.Api;
using Hr.Commands;
using Hr.Persistence;

const string Domain = "hr";

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDomainService<HrDbContext>(Domain);
// Here, not in the platform: the validation source generator finds the request types of the assembly that calls it.
builder.Services.AddValidation();
builder.AddDemoData<HrDemoData>();
builder.AddDataProducts<HrDbContext>(Domain);
builder.Services.AddScoped<Workforce>();

var app = builder.Build();
app.MapDataProductSubscriptions();
app.MapDomainService(Domain)
    .MapDepartmentsApi()
    .MapEmployeesApi()
    .MapHeadcountApi(TimeProvider.System);
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
