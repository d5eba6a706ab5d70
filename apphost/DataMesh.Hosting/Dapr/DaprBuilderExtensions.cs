using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Dapr;

namespace Aspire.Hosting;

/// <summary>
/// Dapr components and sidecars, named like CommunityToolkit.Aspire.Hosting.Dapr (not served here):
/// <c>AddDaprPubSub</c>, <c>AddDaprComponent</c>, <c>WithMetadata</c>, <c>WithDaprSidecar</c>.
/// Unlike the toolkit, the sidecar runs daprd itself (not the dapr CLI), so that nothing but daprd is needed.
/// </summary>
public static class DaprBuilderExtensions
{
    public static IResourceBuilder<DaprComponentResource> AddDaprComponent(this IDistributedApplicationBuilder builder, [ResourceName] string name, string type, string version = "v1")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var component = new DaprComponentResource(name, type, version);
        return builder.AddResource(component)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "DaprComponent",
                State = KnownResourceStates.NotStarted,
                Properties = [new("dapr.component.type", type)],
            })
            .WithManifestPublishingCallback(context => WriteComponentToManifest(context, component));
    }

    /// <summary>A pub/sub component; <paramref name="type"/> names the broker, <c>pubsub.kafka</c> by default.</summary>
    public static IResourceBuilder<DaprComponentResource> AddDaprPubSub(this IDistributedApplicationBuilder builder, [ResourceName] string name, string type = "pubsub.kafka") =>
        builder.AddDaprComponent(name, type);

    /// <summary>
    /// Retries deliveries the app refuses as <paramref name="retry"/> says, then dead-letters them, written as the
    /// component's Resiliency (<see cref="DaprResiliency"/>) wherever the component is.
    /// </summary>
    public static IResourceBuilder<DaprComponentResource> WithInboundRetry(this IResourceBuilder<DaprComponentResource> builder, DaprInboundRetry retry) =>
        builder.WithAnnotation(retry, ResourceAnnotationMutationBehavior.Replace);

    public static IResourceBuilder<DaprComponentResource> WithMetadata(this IResourceBuilder<DaprComponentResource> builder, string name, string value) =>
        builder.WithAnnotation(new DaprComponentMetadata(name, ReferenceExpression.Create($"{value}")));

    /// <summary>
    /// Lets the app <paramref name="appId"/> publish to <paramref name="publishes"/> and subscribe to <paramref name="subscribes"/>
    /// on this component, and no app anything else (see <see cref="DaprTopicScopes"/>). Call it for every app that uses the component.
    /// </summary>
    public static IResourceBuilder<DaprComponentResource> WithTopicScopes(
        this IResourceBuilder<DaprComponentResource> builder, string appId, IEnumerable<string> publishes, IEnumerable<string> subscribes)
    {
        var scopes = builder.Resource.Annotations.OfType<DaprTopicScopes>().SingleOrDefault();
        if (scopes is null)
        {
            scopes = new DaprTopicScopes();
            builder.WithAnnotation(scopes);
        }

        scopes.Allow(appId, publishes, subscribes);
        return builder;
    }

    /// <summary>A metadata entry whose value is another resource's connection string, for example Kafka's brokers.</summary>
    public static IResourceBuilder<DaprComponentResource> WithMetadata(this IResourceBuilder<DaprComponentResource> builder, string name, IResourceBuilder<IResourceWithConnectionString> source)
    {
        builder.WithAnnotation(new DaprComponentMetadata(name, source.Resource.ConnectionStringExpression));
        builder.WithAnnotation(new DaprComponentDependencyAnnotation(source.Resource));
        return builder;
    }

    /// <summary>
    /// Runs a daprd sidecar beside the application, loading the given components. The application gets
    /// DAPR_HTTP_PORT, DAPR_GRPC_PORT and their endpoints; daprd gets the app's port to deliver events to. Both get
    /// Dapr's two API tokens, each a secret parameter (generated, kept in user secrets unless set): <c>APP_API_TOKEN</c>
    /// (<c>{app}-app-api-token</c>), which daprd sends on its calls to the app and the app requires, and
    /// <c>DAPR_API_TOKEN</c> (<c>{app}-dapr-api-token</c>), which the app sends on its calls to daprd and daprd requires.
    /// </summary>
    public static IResourceBuilder<T> WithDaprSidecar<T>(this IResourceBuilder<T> builder, params IResourceBuilder<DaprComponentResource>[] components)
        where T : IResourceWithEndpoints, IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Resource;
        var environment = DaprRunEnvironment.For(builder.ApplicationBuilder);
        var appHostDirectory = builder.ApplicationBuilder.AppHostDirectory;

        var sidecarResource = new DaprSidecarResource($"{app.Name}-dapr", environment.Daprd.Path ?? "daprd", appHostDirectory, appId: app.Name);
        var sidecar = builder.ApplicationBuilder.AddResource(sidecarResource)
            .WithEndpoint(name: DaprSidecarResource.HttpEndpointName, scheme: "http")
            .WithEndpoint(name: DaprSidecarResource.GrpcEndpointName, scheme: "http")
            .WithEndpoint(name: DaprSidecarResource.MetricsEndpointName, scheme: "http")
            .WithArgs(async context =>
            {
                var appEndpoint = app.GetEndpoint("http");
                context.Args.Add("--app-id");
                context.Args.Add(sidecarResource.AppId);
                context.Args.Add("--app-port");
                context.Args.Add(appEndpoint.Property(EndpointProperty.Port));
                context.Args.Add("--app-protocol");
                context.Args.Add("http");
                context.Args.Add("--app-channel-address");
                context.Args.Add("localhost");
                context.Args.Add("--dapr-http-port");
                context.Args.Add(sidecarResource.HttpEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--dapr-grpc-port");
                context.Args.Add(sidecarResource.GrpcEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--metrics-port");
                context.Args.Add(sidecarResource.MetricsEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--resources-path");
                context.Args.Add(environment.ResourcesPath);
                foreach (var (name, value) in sidecarResource.AppHealthCheck.Settings)
                {
                    // One token each: daprd's boolean flag takes its value only after '=' (pflag).
                    context.Args.Add($"--{name}={value}");
                }

                if (context.ExecutionContext.IsRunMode)
                {
                    await environment.WriteComponentsAsync(sidecarResource.Components, context.CancellationToken).ConfigureAwait(false);
                }
            })
            // daprd answers 204 No Content once it is ready.
            .WithHttpHealthCheck("/v1.0/healthz", statusCode: 204, endpointName: DaprSidecarResource.HttpEndpointName)
            .WithParentRelationship(app)
            // daprd reads the app's subscriptions once, when the app first passes its health check, and delivers from then
            // on: started only once the app is healthy, it finds the app ready (its database migrated, its routes mapped).
            // This also makes it wait for whatever the app waits for, as CommunityToolkit's sidecars do. No deadlock: the
            // app's health checks its own database, never daprd.
            .WaitFor(builder.ApplicationBuilder.CreateResourceBuilder<IResource>(app))
            .WithManifestPublishingCallback(context => WriteSidecarToManifest(context, app, sidecarResource));

        foreach (var component in components)
        {
            sidecar.WithAnnotation(new DaprComponentReferenceAnnotation(component.Resource));
            // daprd fails to load a component whose backing service is not up yet.
            foreach (var dependency in component.Resource.Annotations.OfType<DaprComponentDependencyAnnotation>())
            {
                if (dependency.Resource is not IResourceWithoutLifetime)
                {
                    sidecar.WaitFor(builder.ApplicationBuilder.CreateResourceBuilder(dependency.Resource));
                }
            }
        }

        sidecarResource.AppApiToken = DaprApiToken(builder.ApplicationBuilder, $"{app.Name}-app-api-token");
        sidecarResource.DaprApiToken = DaprApiToken(builder.ApplicationBuilder, $"{app.Name}-dapr-api-token");
        foreach (var (variable, token) in sidecarResource.Tokens)
        {
            // In every mode: the manifest and the Kubernetes manifests read the app's side from the same parameters.
            builder.WithEnvironment(variable, token);
            sidecar.WithEnvironment(variable, token);
        }

        builder.WithAnnotation(new DaprSidecarAnnotation(sidecarResource));
        builder.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsPublishMode)
            {
                return;
            }

            context.EnvironmentVariables["APP_ID"] = sidecarResource.AppId;
            context.EnvironmentVariables["DAPR_HTTP_PORT"] = sidecarResource.HttpEndpoint.Property(EndpointProperty.Port);
            context.EnvironmentVariables["DAPR_GRPC_PORT"] = sidecarResource.GrpcEndpoint.Property(EndpointProperty.Port);
            context.EnvironmentVariables["DAPR_HTTP_ENDPOINT"] = sidecarResource.HttpEndpoint;
            context.EnvironmentVariables["DAPR_GRPC_ENDPOINT"] = sidecarResource.GrpcEndpoint;
        });
        return builder;
    }

    private static ParameterResource DaprApiToken(IDistributedApplicationBuilder builder, string name) =>
        builder.AddGeneratedSecret(name).Resource;

    private static void WriteSidecarToManifest(Publishing.ManifestPublishingContext context, IResource app, DaprSidecarResource sidecar)
    {
        context.Writer.WriteString("type", "dapr.v0");
        context.Writer.WriteStartObject("dapr");
        context.Writer.WriteString("application", app.Name);
        context.Writer.WriteString("appId", sidecar.AppId);
        context.Writer.WriteString("appProtocol", "http");
        // The names CommunityToolkit's Dapr hosting writes; azd does not read them (Container Apps sets no app health check).
        context.Writer.WriteBoolean("enableAppHealthCheck", true);
        context.Writer.WriteString("appHealthCheckPath", sidecar.AppHealthCheck.Path);
        context.Writer.WriteNumber("appHealthProbeInterval", sidecar.AppHealthCheck.ProbeIntervalSeconds);
        context.Writer.WriteNumber("appHealthProbeTimeout", sidecar.AppHealthCheck.ProbeTimeoutMilliseconds);
        context.Writer.WriteNumber("appHealthThreshold", sidecar.AppHealthCheck.Threshold);
        context.Writer.WriteStartArray("components");
        foreach (var component in sidecar.Components)
        {
            context.Writer.WriteStringValue(component.Name);
        }
        context.Writer.WriteEndArray();
        context.Writer.WriteEndObject();
    }

    private static void WriteComponentToManifest(Publishing.ManifestPublishingContext context, DaprComponentResource component)
    {
        context.Writer.WriteString("type", "dapr.component.v0");
        context.Writer.WriteStartObject("daprComponent");
        context.Writer.WriteString("type", component.BuildingBlock);
        context.Writer.WriteString("componentType", component.Type);
        context.Writer.WriteString("version", component.Version);
        context.Writer.WriteStartObject("metadata");
        foreach (var entry in component.Metadata)
        {
            // Manifest expressions such as {kafka.connectionString}: the deployment tool fills them in,
            // so no value (and no secret) lands in the file.
            context.Writer.WriteString(entry.Name, entry.Value.ValueExpression);
        }
        context.Writer.WriteEndObject();
        if (DaprResiliency.SpecOf(component) is { } resiliency)
        {
            // The spec of the Resiliency the sidecars load beside the component. azd reads only the component's type.
            context.Writer.WritePropertyName("resiliency");
            JsonSerializer.Serialize(context.Writer, resiliency, ManifestJson);
        }

        context.Writer.WriteEndObject();
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);
}

/// <summary>A resource a component's metadata reads from, which its sidecars must wait for.</summary>
public sealed record DaprComponentDependencyAnnotation(IResource Resource) : IResourceAnnotation;
