using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh.Kubernetes;
using Aspire.Hosting.Pipelines;
using DataMesh.DataProducts.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // Aspire's pipeline steps and output path are how a publisher joins `aspire publish` / `aspire do`; accepted while experimental.

/// <summary>
/// The AppHost's <c>publish-kubernetes</c> pipeline step: writes the mesh's Kubernetes manifests, with a
/// kustomization, into the pipeline's output path. Run it with
/// <c>dotnet run --project apphost/DataMesh.AppHost -- --operation publish --step publish-kubernetes --output-path ../../deploy/kubernetes</c>
/// or <c>aspire do publish-kubernetes --output-path deploy/kubernetes</c>; <c>aspire publish</c> runs it too.
/// </summary>
public static class KubernetesPublishingExtensions
{
    public const string StepName = "publish-kubernetes";

    /// <summary>Where a domain keeps its data product descriptors and contracts, beside its project file.</summary>
    public const string DataProductsFolder = "DataProducts";

    public static IDistributedApplicationBuilder AddKubernetesPublishing(this IDistributedApplicationBuilder builder)
    {
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var options = KubernetesPublishOptions.Read(builder.Configuration);
            var topics = OutputPortTopics(context.Model, options.DefaultPartitions);
            var manifest = await new KubernetesManifestBuilder(context.Model, context.ExecutionContext, options, topics)
                .BuildAsync(context.CancellationToken).ConfigureAwait(false);
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            await manifest.WriteAsync(output, context.CancellationToken).ConfigureAwait(false);
            context.Logger.LogInformation("Wrote {Count} Kubernetes manifest files to {Output}", manifest.Files.Count + 1, output);
        }, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    /// <summary>
    /// The topics of every project's output ports. The projects' definitions are loaded as one catalogue, each in a
    /// folder named after its project, so that input ports may name another domain's products.
    /// </summary>
    private static IReadOnlyList<OutputPortTopic> OutputPortTopics(DistributedApplicationModel model, int defaultPartitions)
    {
        var folders = model.Resources.OfType<ProjectResource>()
            .Select(project => (project.Name, Folder: Path.Combine(Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)!, DataProductsFolder)))
            .Where(project => Directory.Exists(project.Folder))
            .ToList();
        if (folders.Count == 0)
        {
            return [];
        }

        var catalogue = Directory.CreateTempSubdirectory("datamesh-kubernetes-");
        try
        {
            // A consumer may keep a copy of an upstream product's definitions to check its input ports against;
            // one copy of identical files is enough, and keeps the catalogue free of ids defined twice.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, folder) in folders)
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var text = File.ReadAllText(file);
                    if (!seen.Add(text))
                    {
                        continue;
                    }

                    var copy = Path.Combine(catalogue.FullName, name, Path.GetRelativePath(folder, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    File.WriteAllText(copy, text);
                }
            }

            return OutputPortTopic.Load(catalogue.FullName, defaultPartitions);
        }
        catch (DataProductDefinitionException invalid)
        {
            throw new DistributedApplicationException(
                $"The Kubernetes manifests were not written. Paths below are {{project}}/... within each project's {DataProductsFolder} folder.{Environment.NewLine}{invalid.Message}");
        }
        catch (FileNotFoundException)
        {
            // DataProducts folders without a single definition: no output port, so no topic.
            return [];
        }
        finally
        {
            catalogue.Delete(recursive: true);
        }
    }
}
