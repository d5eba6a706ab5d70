using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>A folder of Kubernetes YAML files: their texts, and every document in them.</summary>
internal static class DeploymentFolder
{
    public static string Committed { get; } = Path.Combine(DataMesh.Testing.RepositoryLayout.Root, "deploy", "kubernetes");

    public static IReadOnlyDictionary<string, string> Read(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml").ToDictionary(path => Path.GetFileName(path), path => File.ReadAllText(path).ReplaceLineEndings("\n"));

    /// <summary>Every object of every file but the kustomization, in file order.</summary>
    public static IReadOnlyList<KubernetesDocument> Documents(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml")
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(path => Parse(File.ReadAllText(path)).Select(root => new KubernetesDocument(Path.GetFileName(path), root)))
            .ToList();

    public static IReadOnlyList<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }
}

/// <summary>One object as written: the file it is in and its YAML tree.</summary>
internal sealed record KubernetesDocument(string File, YamlMappingNode Root)
{
    public string ApiVersion => Scalar(Root, "apiVersion")!;

    public string Kind => Scalar(Root, "kind")!;

    public string Name => Scalar(Node("metadata"), "name")!;

    public YamlNode? Node(params string[] path)
    {
        YamlNode? node = Root;
        foreach (var key in path)
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    public string? Text(params string[] path) => Node(path) is YamlScalarNode scalar ? scalar.Value : null;

    public IReadOnlyDictionary<string, string> Map(params string[] path) =>
        Node(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => ((YamlScalarNode)entry.Value).Value!)
            : new Dictionary<string, string>();

    public IReadOnlyList<YamlNode> List(params string[] path) => Node(path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public override string ToString() => $"{File}: {Kind} {Name}";

    private static string? Scalar(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;
}
