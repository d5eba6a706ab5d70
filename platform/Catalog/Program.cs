using DataMesh.Catalog;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.DataProducts;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalog();

// Every request body is small except a registration, which raises its own limit.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();
await app.Services.PrepareCatalogDatabaseAsync();
// First: every later step (sign-in redirects, cookies, the address) sees what the gateway received, and only the gateway can say so.
app.UseGatewayForwardedHeaders();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // A body that cannot be read (malformed JSON, too large) is the caller's fault: its status, not a 500.
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapDomainApi(CatalogServiceExtensions.Name);
app.MapCatalogApi();
app.MapOpenApi("/api/catalog/openapi/{documentName}.json");
app.MapScalarApiReference("/api/catalog/reference", options => options.WithOpenApiRoutePattern("/api/catalog/openapi/{documentName}.json"));
app.MapRazorPages();
app.Run();

/// <summary>The catalog's entry point, named so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
