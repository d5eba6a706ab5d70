using DataMesh.DataProducts;

const string Domain = "marketing";

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDomainDatabase(Domain);

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapDomainApi(Domain);
app.Run();
