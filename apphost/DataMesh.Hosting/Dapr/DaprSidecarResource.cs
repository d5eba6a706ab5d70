using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The daprd process beside one application. In run mode it is an executable started with daprd's
/// own flags; in the manifest it is the <c>dapr.v0</c> entry that azd and Kubernetes tooling read.
/// </summary>
public sealed class DaprSidecarResource(string name, string command, string workingDirectory, string appId)
    : ExecutableResource(name, command, workingDirectory)
{
    public const string HttpEndpointName = "http";
    public const string GrpcEndpointName = "grpc";
    public const string MetricsEndpointName = "metrics";

    /// <summary>The Dapr app id: the name other apps and the pub/sub consumer group know the app by.</summary>
    public string AppId { get; } = appId;

    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    public EndpointReference GrpcEndpoint => new(this, GrpcEndpointName);

    public EndpointReference MetricsEndpoint => new(this, MetricsEndpointName);

    /// <summary>
    /// How daprd checks the app's health before and while it delivers events: ServiceDefaults' readiness, since every app
    /// with a sidecar here is a mesh service.
    /// </summary>
    public DaprAppHealthCheck AppHealthCheck { get; init; } = DaprAppHealthCheck.ServiceDefaults;

    /// <summary>The secret daprd sends to the app (<c>APP_API_TOKEN</c>), set by <c>WithDaprSidecar</c>.</summary>
    public ParameterResource? AppApiToken { get; set; }

    /// <summary>The secret the app sends to daprd (<c>DAPR_API_TOKEN</c>), set by <c>WithDaprSidecar</c>.</summary>
    public ParameterResource? DaprApiToken { get; set; }

    /// <summary>Each token beside the environment variable (Dapr's own names) that carries it to the app and to daprd.</summary>
    public IEnumerable<(string Variable, ParameterResource Token)> Tokens =>
        new[] { (MeshCredentials.AppApiTokenVariable, AppApiToken), (MeshCredentials.DaprApiTokenVariable, DaprApiToken) }
            .Where(pair => pair.Item2 is not null).Select(pair => (pair.Item1, pair.Item2!));

    /// <summary>The components this sidecar loads.</summary>
    public IReadOnlyList<DaprComponentResource> Components =>
        Annotations.OfType<DaprComponentReferenceAnnotation>().Select(reference => reference.Component).ToList();
}

/// <summary>Marks a component as loaded by the sidecar that carries this annotation.</summary>
public sealed record DaprComponentReferenceAnnotation(DaprComponentResource Component) : IResourceAnnotation;

/// <summary>Marks an application resource with the sidecar that runs beside it.</summary>
public sealed record DaprSidecarAnnotation(DaprSidecarResource Sidecar) : IResourceAnnotation;
