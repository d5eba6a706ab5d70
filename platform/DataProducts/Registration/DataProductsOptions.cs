using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;

namespace DataMesh.DataProducts.Registration;

/// <summary>How a domain service publishes, consumes and registers its data products.</summary>
public sealed class DataProductsOptions
{
    /// <summary>The domain whose descriptors are the service's own; others in the folder are upstream copies.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>
    /// The folder of the service's <c>*.odps.yaml</c> and <c>*.odcs.yaml</c> files, relative to its output folder
    /// unless rooted: its own data products plus a copy of each upstream contract version it consumes, and
    /// the upstream descriptors (the catalogue checks input ports against them).
    /// </summary>
    public string DefinitionsFolder { get; set; } = "DataProducts";

    /// <summary>The setting that moves <see cref="DefinitionsFolder"/> (a test hosting several domains in one output folder).</summary>
    public const string DefinitionsFolderKey = "DataProducts:DefinitionsFolder";

    /// <summary>The mesh's one Dapr pub/sub component (the AppHost's <c>pubsub</c>), which the catalog observes too.</summary>
    public const string MeshPubSubName = "pubsub";

    /// <summary>The Dapr pub/sub component events are published to and consumed from.</summary>
    public string PubSubName { get; set; } = MeshPubSubName;

    public OutboxRelayOptions Outbox { get; } = new();

    public InboxOptions Inbox { get; } = new();

    public CatalogRegistrationOptions Catalog { get; } = new();

    public Quality.QualityRulesOptions Quality { get; } = new();

    /// <summary>The definitions folder as a full path.</summary>
    public string DefinitionsPath => Path.Combine(AppContext.BaseDirectory, DefinitionsFolder);
}
