using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh.Kubernetes;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aspire.Hosting.Dapr;

/// <summary>Writes a component, and its Resiliency, as the YAML documents daprd reads from its resources path.</summary>
public static class DaprComponentYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static async Task<string> RenderAsync(DaprComponentResource component, CancellationToken cancellationToken)
    {
        var metadata = new List<Dictionary<string, string>>();
        foreach (var entry in component.Metadata)
        {
            var value = await entry.Value.GetValueAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new DistributedApplicationException(
                    $"Dapr component '{component.Name}': metadata '{entry.Name}' has no value. Is the resource it refers to configured?");
            metadata.Add(new() { ["name"] = entry.Name, ["value"] = value });
        }

        var document = new Dictionary<string, object>
        {
            ["apiVersion"] = DaprKubernetes.ApiVersion,
            ["kind"] = "Component",
            ["metadata"] = new Dictionary<string, string> { ["name"] = component.Name },
            ["spec"] = new Dictionary<string, object>
            {
                ["type"] = component.Type,
                ["version"] = component.Version,
                ["metadata"] = metadata,
            },
        };
        return Serializer.Serialize(document);
    }

    /// <summary>The component's Resiliency (<see cref="DaprResiliency"/>); null when it has no inbound retry.</summary>
    public static string? RenderResiliency(DaprComponentResource component) =>
        DaprResiliency.DocumentOf(component) is { } document ? Serializer.Serialize(document) : null;
}
