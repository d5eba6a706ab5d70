using DataMesh.Catalog.Observations;
using DataMesh.DataProducts.Contracts;

namespace DataMesh.Catalog.Discovery;

/// <summary>Everything the catalog knows of one data product: its newest version's facts, its history, lineage and what was observed.</summary>
public sealed record ProductFacts(
    string Id,
    string Name,
    string Domain,
    string Status,
    string Version,
    Team Owner,
    DataProductDescription Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<OutputPortFacts> OutputPorts,
    IReadOnlyList<VersionFacts> Versions,
    IReadOnlyList<LineageLink> Upstream,
    IReadOnlyList<LineageLink> Downstream,
    PromiseObservation Observed,
    IReadOnlyList<DeadLetterFacts> RecentDeadLetters);
