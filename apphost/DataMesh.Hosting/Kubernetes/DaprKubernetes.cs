using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Dapr;
using k8s;
using k8s.Models;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// What the Dapr control plane reads (API <c>dapr.io/v1alpha1</c>): components, their Resiliency, and the configuration
/// that every sidecar names in its pod's <c>dapr.io/config</c> annotation.
/// </summary>
public static class DaprKubernetes
{
    public const string ApiVersion = "dapr.io/v1alpha1";
    public const string ConfigurationName = "datamesh";

    public static DaprScopedObject<DaprComponentSpec> Component(string name, string type, string version, IReadOnlyList<DaprMetadataEntry> metadata, IReadOnlyList<string> scopes) =>
        new("Component", new V1ObjectMeta { Name = name }, new DaprComponentSpec(type, version, metadata), scopes);

    /// <summary>A Resiliency, applied by the sidecars of the app ids in <paramref name="scopes"/> only.</summary>
    public static DaprScopedObject<DaprResiliencySpec> Resiliency(string name, DaprResiliencySpec spec, IReadOnlyList<string> scopes) =>
        new(DaprResiliency.Kind, new V1ObjectMeta { Name = name }, spec, scopes);

    /// <summary>W3C trace context propagated through every sidecar, and the sidecars' metrics on.</summary>
    public static CustomResource<DaprConfigurationSpec> Configuration() =>
        new(ApiVersion, "Configuration", new V1ObjectMeta { Name = ConfigurationName },
            new DaprConfigurationSpec(new DaprTracing("1"), new DaprMetric(Enabled: true)));

    /// <summary>
    /// The key of a token Secret the injector reads into the sidecar's <c>APP_API_TOKEN</c> or <c>DAPR_API_TOKEN</c>
    /// (dapr/dapr pkg/injector/patcher/sidecar_container.go).
    /// </summary>
    public const string TokenSecretKey = "token";

    /// <summary>
    /// The pod template annotations the Dapr sidecar injector acts on (dapr/dapr pkg/injector/annotations/annotations.go),
    /// the two tokens included (the Secrets it gives daprd, which the app's container reads too), and the app health check.
    /// </summary>
    public static Dictionary<string, string> PodAnnotations(string appId, int appPort, string appTokenSecret, string apiTokenSecret, DaprAppHealthCheck appHealthCheck)
    {
        var annotations = new Dictionary<string, string>
        {
            ["dapr.io/enabled"] = "true",
            ["dapr.io/app-id"] = appId,
            ["dapr.io/app-port"] = appPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["dapr.io/app-protocol"] = "http",
            ["dapr.io/config"] = ConfigurationName,
            ["dapr.io/app-token-secret"] = appTokenSecret,
            ["dapr.io/api-token-secret"] = apiTokenSecret,
        };
        foreach (var (name, value) in appHealthCheck.Settings)
        {
            annotations[$"dapr.io/{name}"] = value;
        }

        return annotations;
    }
}

/// <summary>A Dapr object whose <c>scopes</c> (the app ids it applies to) sit beside the spec, not in it: a component, a Resiliency.</summary>
public sealed class DaprScopedObject<TSpec>(string kind, V1ObjectMeta metadata, TSpec spec, IReadOnlyList<string> scopes) : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = DaprKubernetes.ApiVersion;

    public string Kind { get; set; } = kind;

    public V1ObjectMeta Metadata { get; set; } = metadata;

    public TSpec Spec { get; } = spec;

    public IReadOnlyList<string> Scopes { get; } = scopes;
}

public sealed record DaprComponentSpec(string Type, string Version, IReadOnlyList<DaprMetadataEntry> Metadata);

/// <summary>A metadata entry: a plain value, or a reference to a key of a Secret.</summary>
public sealed record DaprMetadataEntry(string Name, string? Value, DaprSecretKeyReference? SecretKeyRef);

public sealed record DaprSecretKeyReference(string Name, string Key);

public sealed record DaprConfigurationSpec(DaprTracing Tracing, DaprMetric Metric);

public sealed record DaprTracing(string SamplingRate);

public sealed record DaprMetric(bool Enabled);
