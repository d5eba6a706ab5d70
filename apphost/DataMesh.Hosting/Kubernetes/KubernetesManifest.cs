using k8s;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>The files of a Kubernetes deployment of the mesh: each a list of objects, plus the kustomization naming them.</summary>
public sealed class KubernetesManifest(string @namespace, IReadOnlyList<KubernetesManifestFile> files)
{
    public const string KustomizationFile = "kustomization.yaml";

    /// <summary>Opens every file, so that no one mistakes a generated file for a hand-kept one.</summary>
    public const string Header =
        "# Generated from the AppHost by its publish-kubernetes step. Do not edit: change the AppHost or the data product\n" +
        "# contracts, then regenerate (README: Deploying to Kubernetes).\n";

    public IReadOnlyList<KubernetesManifestFile> Files { get; } = files;

    public Kustomization Kustomization { get; } = new(@namespace, files.Select(file => file.Name).ToList());

    /// <summary>Every file's text by file name, the kustomization included.</summary>
    public IReadOnlyDictionary<string, string> Render()
    {
        var rendered = Files.ToDictionary(file => file.Name, file => Text(KubernetesYaml.SerializeAll(file.Documents)));
        rendered[KustomizationFile] = Text(KubernetesYaml.Serialize(Kustomization));
        return rendered;
    }

    private static string Text(string yaml) => Header + yaml.TrimEnd('\n') + "\n";

    /// <summary>
    /// Writes the files into <paramref name="directory"/>. YAML files left from an earlier run (a removed service)
    /// are deleted, so the folder is exactly this deployment.
    /// </summary>
    public async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var rendered = Render();
        foreach (var stale in Directory.EnumerateFiles(directory, "*.yaml").Where(path => !rendered.ContainsKey(Path.GetFileName(path))))
        {
            if ((await File.ReadAllTextAsync(stale, cancellationToken).ConfigureAwait(false)).StartsWith(Header, StringComparison.Ordinal))
            {
                File.Delete(stale);
            }
        }

        foreach (var (name, text) in rendered)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), text, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One YAML file of the deployment and the objects in it, in order.</summary>
public sealed record KubernetesManifestFile(string Name, IReadOnlyList<object> Documents);

/// <summary>The <c>kustomization.yaml</c> that makes the folder one unit: <c>kubectl apply -k</c>.</summary>
public sealed class Kustomization(string @namespace, IReadOnlyList<string> resources)
{
    public string ApiVersion { get; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; } = "Kustomization";

    public string Namespace { get; } = @namespace;

    public IReadOnlyList<string> Resources { get; } = resources;
}
