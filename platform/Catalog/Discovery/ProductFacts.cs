using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using DataMesh.DomainServices.Paging;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// Everything the catalog knows of one data product: its newest version's facts, its history, lineage, what was
/// observed and its quality rules' runs. The history, lineage and rules grow with time: the newest (or first)
/// <see cref="ListLimit.MaxItems"/> of each are shown.
/// </summary>
[ReadFromDefinitions]
public sealed record ProductFacts(
    [property: MaxLength(DataProductRecord.MaxIdLength)] string Id,
    string Name,
    [property: MaxLength(DataProductRecord.MaxDomainLength)] string Domain,
    string Status,
    string Version,
    OwnerTeamFacts Owner,
    DescriptionFacts Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<OutputPortFacts> OutputPorts,
    [property: MaxLength(ListLimit.MaxItems)] IReadOnlyList<VersionFacts> Versions,
    [property: MaxLength(ListLimit.MaxItems)] IReadOnlyList<LineageLink> Upstream,
    [property: MaxLength(ListLimit.MaxItems)] IReadOnlyList<LineageLink> Downstream,
    PromiseObservation Observed,
    [property: MaxLength(ProductFacts.RecentDeadLetterCount)] IReadOnlyList<DeadLetterFacts> RecentDeadLetters,
    ParkedEventsFacts? Parked,
    [property: MaxLength(ListLimit.MaxItems)] IReadOnlyList<QualityRuleFacts> Quality)
{
    /// <summary>How many of the newest dead-lettered events a product's facts show.</summary>
    public const int RecentDeadLetterCount = 20;
}
