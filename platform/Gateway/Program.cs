using DataMesh.Gateway.Edge;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
var edge = builder.Configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>() ?? new EdgeOptions();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = edge.MaxRequestBodyBytes;
    // Above the edge's own header limit, so that most oversized headers get RequestScreening's problem, not a bare 431.
    kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
    kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
});

builder.Services.AddProblemDetails();
builder.Services.AddMemoryCache();
builder.Services.AddRequestTimeouts();
// The catalog is asked by its logical name, which service discovery resolves, like every route's destination.
var catalog = new Uri(builder.Configuration["Edge:CatalogAddress"] ?? "http://catalog");
// Its look-ups carry the gateway's own credential, as every request it forwards to the catalog does.
builder.Services.AddHttpClient<ConsumerDirectory>(http => http.BaseAddress = catalog).AddMeshServiceCredential();
builder.Services.AddHttpClient<EdgePolicySource>(http => http.BaseAddress = catalog).AddMeshServiceCredential();
builder.Services.AddSingleton(provider => new ServiceCredentialForwarding(provider.GetRequiredService<IConfiguration>(), catalog));
builder.Services.AddSingleton<ConsumerRateLimits>();
builder.Services.AddTransient<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxies>();
builder.Services.AddTransient<RequestScreening>();
builder.Services.AddTransient<EdgeAccess>();
builder.Services.AddTransient<PersonalDataMasking>();

// Routes and clusters come from configuration that the AppHost writes from its model
// (ReverseProxy:Routes:*, ReverseProxy:Clusters:*): a new domain is routed without editing the gateway.
// Destinations are logical names ("http://hr") that Aspire service discovery resolves.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();
// First: every later step (limits per address, the X-Forwarded-* YARP sends on) sees the address that results.
app.UseForwardedHeaders();
app.UseExceptionHandler();
// Refusals without a body (a missing route, a destination that does not answer: 404, 502, 504) become problems too.
app.UseStatusCodePages();
app.UseMiddleware<RequestScreening>();
app.UseRequestTimeouts();
app.MapDefaultEndpoints();
app.MapReverseProxy(proxy =>
{
    proxy.UseMiddleware<EdgeAccess>();
    proxy.UseMiddleware<PersonalDataMasking>();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();

public partial class Program;
