using DaprSidecarStandIn;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

DaprdCommandLine commandLine;
try
{
    commandLine = DaprdCommandLine.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"Dapr sidecar stand-in: {exception.Message}");
    return 1;
}

// daprd's flags are not ASP.NET Core configuration, so the builder does not see them.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(options =>
{
    options.SingleLine = true;
    options.TimestampFormat = "HH:mm:ss.fff ";
});
builder.Logging.SetMinimumLevel(commandLine.LogLevel.ToLowerInvariant() switch
{
    "debug" => LogLevel.Debug,
    "warn" or "warning" => LogLevel.Warning,
    "error" => LogLevel.Error,
    "fatal" => LogLevel.Critical,
    _ => LogLevel.Information,
});
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ListenLocalhost(commandLine.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
    // gRPC without TLS needs an HTTP/2-only endpoint (prior knowledge), as the Dapr SDK connects.
    kestrel.ListenLocalhost(commandLine.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
    kestrel.ListenLocalhost(commandLine.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
});

var apiToken = ApiTokenAuthentication.FromEnvironment();
builder.Services.AddSingleton(apiToken);
builder.Services.AddSingleton<ApiTokenAuthentication.HttpMiddleware>();
builder.Services.AddSingleton<ApiTokenAuthentication.GrpcInterceptor>();
builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ApiTokenAuthentication.GrpcInterceptor>());
builder.Services.AddSingleton(commandLine);
builder.Services.AddSingleton(provider => new PubSubBroker(
    commandLine,
    provider.GetRequiredService<ComponentLoader>().LoadPubSubs(commandLine.ResourcesPath)));
builder.Services.AddSingleton<ComponentLoader>();
builder.Services.AddSingleton<StandInMetrics>();
builder.Services.AddSingleton<SidecarReadiness>();
builder.Services.AddSingleton<EventPublisher>();
builder.Services.AddSingleton<ListenerScope>();
builder.Services.AddHttpClient<SubscriptionLoader>(ConfigureAppClient);
builder.Services.AddHttpClient<EventDelivery>(ConfigureAppClient);
builder.Services.AddHttpClient<BulkDelivery>(ConfigureAppClient);
builder.Services.AddHostedService<AppChannel>();

var app = builder.Build();
var logger = app.Services.GetRequiredService<ILogger<Program>>();
logger.LogInformation(
    "Dapr sidecar stand-in for app {AppId}: HTTP {HttpPort}, gRPC {GrpcPort}, metrics {MetricsPort}, app port {AppPort}, resources {ResourcesPath}",
    commandLine.AppId, commandLine.HttpPort, commandLine.GrpcPort, commandLine.MetricsPort, commandLine.AppPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)", commandLine.ResourcesPath);
foreach (var flag in commandLine.IgnoredFlags)
{
    logger.LogInformation("daprd flag accepted and not used by the stand-in: {Flag}", flag);
}

foreach (var flag in commandLine.UnknownFlags)
{
    logger.LogWarning("Unknown flag ignored: {Flag}", flag);
}

// Components are loaded before the ports open, as daprd does.
app.Services.GetRequiredService<PubSubBroker>();

app.UseMiddleware<ListenerScope>();
app.UseMiddleware<ApiTokenAuthentication.HttpMiddleware>();
app.MapGrpcService<DaprRuntimeApi>();
SidecarHttpApi.Map(app);

await app.RunAsync();
return 0;

void ConfigureAppClient(HttpClient client)
{
    client.BaseAddress = new Uri($"http://{commandLine.AppChannelAddress}:{commandLine.AppPort ?? 80}/");
    client.Timeout = TimeSpan.FromSeconds(30);
    // As daprd: every call to the app carries the app API token when APP_API_TOKEN is set
    // (dapr/dapr pkg/channel/http/http_channel.go: appHeaderToken, set on every request to the app).
    if (Environment.GetEnvironmentVariable(MeshCredentials.AppApiTokenVariable) is { Length: > 0 } appToken)
    {
        client.DefaultRequestHeaders.Add(MeshHeaders.DaprApiToken, appToken);
    }
}
