using YamlDotNet.RepresentationModel;

namespace DaprSidecarStandIn;

/// <summary>
/// Reads the Dapr Component documents (<c>dapr.io/v1alpha1</c>, <c>kind: Component</c>) in daprd's
/// resources path. Only pub/sub components matter to the stand-in; the others are reported and skipped.
/// </summary>
public sealed class ComponentLoader(ILogger<ComponentLoader> logger)
{
    /// <exception cref="InvalidDataException">A pub/sub component's metadata the Kafka component would refuse at init.</exception>
    public IReadOnlyDictionary<string, PubSubComponent> LoadPubSubs(string resourcesPath)
    {
        var pubsubs = new Dictionary<string, PubSubComponent>(StringComparer.Ordinal);
        if (!Directory.Exists(resourcesPath))
        {
            logger.LogWarning("Resources path {Path} does not exist: no components loaded", resourcesPath);
            return pubsubs;
        }

        var files = Directory.EnumerateFiles(resourcesPath, "*.yaml")
            .Concat(Directory.EnumerateFiles(resourcesPath, "*.yml"))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stream = ResourceFile.Load(file);

            foreach (var document in stream.Documents)
            {
                if (document.RootNode is not YamlMappingNode root)
                {
                    continue;
                }

                var kind = Scalar(root, "kind");
                if (kind == "Resiliency")
                {
                    // ResiliencyLoader reads these.
                    continue;
                }

                if (kind != "Component")
                {
                    logger.LogInformation("Skipping {Kind} document in {File}: the stand-in loads components only", kind ?? "(no kind)", file);
                    continue;
                }

                var name = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadataNode) && metadataNode is YamlMappingNode metadata
                    ? Scalar(metadata, "name")
                    : null;
                var spec = root.Children.TryGetValue(new YamlScalarNode("spec"), out var specNode) ? specNode as YamlMappingNode : null;
                var type = spec is null ? null : Scalar(spec, "type");
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type))
                {
                    logger.LogWarning("Skipping component without metadata.name or spec.type in {File}", file);
                    continue;
                }

                if (!type.StartsWith("pubsub.", StringComparison.Ordinal))
                {
                    logger.LogInformation("Component {Name} ({Type}) ignored: the stand-in implements pub/sub only", name, type);
                    continue;
                }

                var items = ReadMetadata(spec!);
                var component = new PubSubComponent(name, type, Scalar(spec!, "version") ?? "v1", items)
                {
                    Redelivery = ComponentRedelivery.FromMetadata(items, item => $"{file}: component {name}, metadata {item}"),
                };
                if (!pubsubs.TryAdd(name, component))
                {
                    logger.LogWarning("Component {Name} defined twice; keeping the first definition", name);
                    continue;
                }

                logger.LogInformation("Component loaded: {Name} ({Type}/{Version})", name, type, component.Version);
            }
        }

        return pubsubs;
    }

    private static Dictionary<string, string> ReadMetadata(YamlMappingNode spec)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!spec.Children.TryGetValue(new YamlScalarNode("metadata"), out var node) || node is not YamlSequenceNode list)
        {
            return entries;
        }

        foreach (var item in list.Children.OfType<YamlMappingNode>())
        {
            var name = Scalar(item, "name");
            if (!string.IsNullOrEmpty(name))
            {
                entries[name] = Scalar(item, "value") ?? string.Empty;
            }
        }

        return entries;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
