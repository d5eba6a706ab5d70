using DataMesh.DemoTraffic;
using DataMesh.DemoTraffic.Scenarios;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.Configure<DemoTrafficOptions>(builder.Configuration.GetSection(DemoTrafficOptions.Section));
builder.Services.AddHttpClient<MeshClient>(http => http.BaseAddress = new Uri("http://gateway"));
builder.Services.AddSingleton<IScenario, HireEmployee>();
builder.Services.AddSingleton<IScenario, ChangeEmployee>();
builder.Services.AddSingleton<IScenario, TerminateEmployee>();
builder.Services.AddSingleton<IScenario, RaiseMarketingBudget>();
builder.Services.AddSingleton<IScenario, RecordExpense>();
builder.Services.AddSingleton<IScenario, LaunchCampaign>();
builder.Services.AddSingleton<IScenario, RecordCampaignSpend>();
builder.Services.AddSingleton<IScenario, CaptureLead>();
builder.Services.AddSingleton<IScenario, ConvertLead>();
builder.Services.AddHostedService<DemoTraffic>();

builder.Build().Run();
