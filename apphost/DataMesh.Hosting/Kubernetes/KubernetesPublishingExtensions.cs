using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh;
using Aspire.Hosting.DataMesh.Kubernetes;
using Aspire.Hosting.Pipelines;
using DataMesh.Contracts;
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

    public static IDistributedApplicationBuilder AddKubernetesPublishing(this IDistributedApplicationBuilder builder)
    {
        builder.Pipeline.AddStep(StepName, async context =>
        {
            try
            {
                var options = KubernetesPublishOptions.Read(builder.Configuration);
                var topics = OutputPortTopics(context.Model, options.DefaultPartitions);
                var manifest = await new KubernetesManifestBuilder(context.Model, context.ExecutionContext, options, topics)
                    .BuildAsync(context.CancellationToken).ConfigureAwait(false);
                var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
                await manifest.WriteAsync(output, context.CancellationToken).ConfigureAwait(false);
                context.Logger.LogInformation("Wrote {Count} Kubernetes manifest files to {Output}", manifest.Files.Count + 1, output);
            }
            catch
            {
                // Aspire logs a failed step and stops, yet the process would exit with 0: a deployment script must see it fail.
                Environment.ExitCode = 1;
                throw;
            }
        }, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    /// <summary>
    /// The topics of every domain's output ports. Each project's definitions are loaded as its service loads them at
    /// startup, its own domain being its resource name (<c>AddDomain("hr")</c> runs the domain <c>hr</c>).
    /// </summary>
    private static IReadOnlyList<OutputPortTopic> OutputPortTopics(DistributedApplicationModel model, int defaultPartitions)
    {
        var topics = new List<OutputPortTopic>();
        foreach (var project in model.Resources.OfType<ProjectResource>())
        {
            var folder = Path.Combine(Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)!, DomainTeam.DataProductsFolder);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            IReadOnlyList<OutputPortTopic> own;
            try
            {
                own = OutputPortTopic.Load(folder, project.Name, defaultPartitions);
            }
            catch (DataProductDefinitionException invalid)
            {
                throw new DistributedApplicationException($"The Kubernetes manifests were not written: {project.Name}'s definitions in {folder} are invalid. {invalid.Message}");
            }
            catch (FileNotFoundException)
            {
                // A DataProducts folder without a single definition: no output port, so no topic.
                continue;
            }

            if (own.Count == 0 && DataProductCatalogueLoader.Load(folder, project.Name).DataProducts.Count > 0)
            {
                throw new DistributedApplicationException(
                    $"The Kubernetes manifests were not written: {folder} defines no data product of domain '{project.Name}'; a domain's resource name in the AppHost must be its data products' domain.");
            }

            foreach (var topic in own)
            {
                if (topics.FirstOrDefault(other => other.Topic == topic.Topic) is { } taken)
                {
                    throw new DistributedApplicationException(
                        $"The Kubernetes manifests were not written: topic {topic.Topic} is the output port of both {taken.DataProduct} and {topic.DataProduct}.");
                }

                topics.Add(topic);
            }
        }

        return topics.OrderBy(topic => topic.Topic, StringComparer.Ordinal).ToList();
    }
}
