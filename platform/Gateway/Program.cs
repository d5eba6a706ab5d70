var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// Routes and clusters come from configuration that the AppHost writes from its model
// (ReverseProxy:Routes:*, ReverseProxy:Clusters:*): a new domain is routed without editing the gateway.
// Destinations are logical names ("http://hr") that Aspire service discovery resolves.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();
