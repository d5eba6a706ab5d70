using Aspire.Hosting.ApplicationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aspire.Hosting.Dapr;

/// <summary>Writes a component as the YAML document daprd reads from its resources path.</summary>
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
            ["apiVersion"] = "dapr.io/v1alpha1",
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
}
