using DaprSidecarStandIn;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

DaprdCommandLine commandLine;
try
{
    commandLine = DaprdCommandLine.Parse(args);
}
catch (DaprdFlagException exception)
{
    // As pflag with ExitOnError: the error, then the usage, then exit code 2 (0 for --help).
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine("Usage of daprd (the Dapr sidecar stand-in): daprd's flags, see tests/DaprSidecarStandIn/README.md");
    return exception.ExitCode;
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
builder.Services.AddSingleton<ResiliencyLoader>();
builder.Services.AddSingleton(provider => provider.GetRequiredService<ResiliencyLoader>().Load(commandLine.ResourcesPath, commandLine.AppId));
builder.Services.AddSingleton<AppHealth>();
builder.Services.AddHttpClient(AppHealth.ProbeClient, client => client.BaseAddress = AppAddress());
builder.Services.AddSingleton<StandInMetrics>();
builder.Services.AddSingleton<SidecarReadiness>();
builder.Services.AddSingleton<EventPublisher>();
builder.Services.AddSingleton<ListenerScope>();
builder.Services.AddSingleton<TopicHandlers>();
builder.Services.AddSingleton<StreamingSubscriptions>();
builder.Services.AddSingleton<TopicEventsStream>();
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

foreach (var word in commandLine.PositionalArguments)
{
    logger.LogWarning("Argument '{Argument}' is not a flag (a boolean flag takes no value but as --flag=false): ignored, as daprd ignores it", word);
}

// Components and resiliency policies are loaded before the ports open, as daprd does; a document daprd would not
// apply as written stops the stand-in.
try
{
    app.Services.GetRequiredService<PubSubBroker>();
    app.Services.GetRequiredService<InboundPolicies>();
}
catch (InvalidDataException exception)
{
    logger.LogCritical("Fatal error loading resources: {Message}", exception.Message);
    Console.Error.WriteLine($"Dapr sidecar stand-in: {exception.Message}");
    return 1;
}

var readiness = app.Services.GetRequiredService<SidecarReadiness>();
app.Lifetime.ApplicationStarted.Register(readiness.OutboundReady);

app.UseMiddleware<ListenerScope>();
app.UseMiddleware<ApiTokenAuthentication.HttpMiddleware>();
app.MapGrpcService<DaprRuntimeApi>();
SidecarHttpApi.Map(app);

await app.RunAsync();
return 0;

Uri AppAddress() => new($"http://{commandLine.AppChannelAddress}:{commandLine.AppPort ?? 80}/");

// daprd's app channel sets no timeout of its own: only a resiliency policy's timeout cuts a delivery short, and
// GET /dapr/subscribe waits for the app as long as it takes.
void ConfigureAppClient(HttpClient client)
{
    client.BaseAddress = AppAddress();
    client.Timeout = Timeout.InfiniteTimeSpan;
    // As daprd: every call to the app carries the app API token when APP_API_TOKEN is set
    // (dapr/dapr pkg/channel/http/http_channel.go: appHeaderToken, set on every request to the app).
    if (Environment.GetEnvironmentVariable(MeshCredentials.AppApiTokenVariable) is { Length: > 0 } appToken)
    {
        client.DefaultRequestHeaders.Add(MeshHeaders.DaprApiToken, appToken);
    }
}
