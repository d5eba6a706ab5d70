using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh.Kubernetes;
using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.Subscribing;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// The topics a domain uses, read from its data product definitions as its service reads them: the topics of its
/// output ports (it publishes them), those of its input ports (it subscribes to them) and the dead-letter topic of
/// each input port (its sidecar publishes there what the domain refuses), and the replay topic of each input port
/// (the catalog publishes there the dead letters it is asked to replay; the domain reads them as it reads its inputs);
/// and its data products that read input ports (<see cref="Consumers"/>: whose dead letters its dashboard command replays).
/// </summary>
public sealed record DomainTopics(IReadOnlyList<string> Outputs, IReadOnlyList<string> Inputs, IReadOnlyList<string> DeadLetters, IReadOnlyList<string> Replays, IReadOnlyList<string> Consumers)
{
    public static readonly DomainTopics None = new([], [], [], [], []);

    /// <summary>What the domain may publish: its output topics and its dead-letter topics.</summary>
    public IEnumerable<string> Publishes => Outputs.Concat(DeadLetters);

    /// <summary>What the domain may subscribe to: its input topics and its replay topics.</summary>
    public IEnumerable<string> Subscribes => Inputs.Concat(Replays);

    /// <exception cref="DistributedApplicationException">The definitions are invalid.</exception>
    public static DomainTopics Of(string domain, IProjectMetadata project)
    {
        if (DomainTeam.DefinitionsOf(project) is not { } folder)
        {
            return None;
        }

        try
        {
            // Partitions do not matter here, only the topics.
            var outputs = OutputPortTopic.Load(folder, domain, defaultPartitions: 1).Select(topic => topic.Topic).ToList();
            var inputs = new DataProductSubscriptions(DataProductCatalogueLoader.Load(folder, domain), new DataProductsOptions { Domain = domain }).All;
            return new DomainTopics(outputs, [.. inputs.Select(input => input.Topic).Distinct()], [.. inputs.Select(input => input.DeadLetterTopic).Distinct()],
                [.. inputs.Select(input => input.ReplayTopic).Distinct()],
                [.. inputs.Select(input => input.Consumer.Id).Distinct()]);
        }
        catch (DataProductDefinitionException invalid)
        {
            throw new DistributedApplicationException($"Domain '{domain}' cannot join the mesh: its definitions in {folder} are invalid. {invalid.Message}");
        }
    }
}
