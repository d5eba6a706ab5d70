using DataMesh.DataProducts;

const string CatalogName = "catalog";

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDomainDatabase(CatalogName);
builder.Services.AddRazorPages();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapDomainApi(CatalogName);
app.MapRazorPages();
app.Run();
