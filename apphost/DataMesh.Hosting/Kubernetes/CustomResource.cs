using k8s;
using k8s.Models;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// An object of an operator's kind (Strimzi, CloudNativePG, Dapr). KubernetesYaml writes its properties in
/// camel case, so the spec types below read like the operators' own field names.
/// </summary>
public sealed class CustomResource<TSpec>(string apiVersion, string kind, V1ObjectMeta metadata, TSpec spec) : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = apiVersion;

    public string Kind { get; set; } = kind;

    public V1ObjectMeta Metadata { get; set; } = metadata;

    public TSpec Spec { get; set; } = spec;
}
