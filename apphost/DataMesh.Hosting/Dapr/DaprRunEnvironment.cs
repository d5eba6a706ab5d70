using System.Runtime.CompilerServices;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Dapr;

/// <summary>
/// What all sidecars of one AppHost run share: the daprd they run and the one resources path
/// (component and Resiliency YAML written for this run) they load.
/// </summary>
public sealed class DaprRunEnvironment
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, DaprRunEnvironment> PerBuilder = new();

    private DaprRunEnvironment(IDistributedApplicationBuilder builder)
    {
        Daprd = DaprdLocator.Locate(builder.Configuration);
        ResourcesPath = Path.Combine(Path.GetTempPath(), "datamesh-dapr", $"run-{Guid.NewGuid():N}", "components");

        if (builder.ExecutionContext.IsRunMode)
        {
            // Stop before anything starts: a mesh whose sidecars cannot run would start half-way and mislead.
            builder.Eventing.Subscribe<BeforeStartEvent>((_, _) => Daprd.Problem is null
                ? Task.CompletedTask
                : throw new DistributedApplicationException(Daprd.Problem));
        }
    }

    public DaprdLocation Daprd { get; }

    /// <summary>The folder given to every sidecar as <c>--resources-path</c>.</summary>
    public string ResourcesPath { get; }

    public static DaprRunEnvironment For(IDistributedApplicationBuilder builder) =>
        PerBuilder.GetValue(builder, b => new DaprRunEnvironment(b));

    /// <summary>
    /// Writes the files a sidecar loads: each component (<c>{component}.yaml</c>) and its Resiliency, if it has one
    /// (<c>{component}-resiliency.yaml</c>). Every sidecar writes the same content, so each file is replaced atomically
    /// rather than locked.
    /// </summary>
    public async Task WriteComponentsAsync(IEnumerable<DaprComponentResource> components, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ResourcesPath);
        foreach (var component in components)
        {
            await WriteAsync(component.Name, await DaprComponentYaml.RenderAsync(component, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (DaprComponentYaml.RenderResiliency(component) is { } resiliency)
            {
                await WriteAsync(DaprResiliency.NameOf(component), resiliency, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(string name, string yaml, CancellationToken cancellationToken)
    {
        var target = Path.Combine(ResourcesPath, $"{name}.yaml");
        var staging = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(staging, yaml, cancellationToken).ConfigureAwait(false);
        File.Move(staging, target, overwrite: true);
    }
}
