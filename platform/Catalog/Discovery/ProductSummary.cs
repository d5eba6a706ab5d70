using DataMesh.Catalog.Observations;

namespace DataMesh.Catalog.Discovery;

/// <summary>One data product in a list of search results.</summary>
public sealed record ProductSummary(
    string Id,
    string Name,
    string Domain,
    string Owner,
    string Status,
    string Version,
    string Purpose,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Classifications,
    double Rank,
    PromiseObservation Observed);
