using DataMesh.Contracts;

namespace DataMesh.Catalog.Discovery;

/// <summary>What a data product is for, how to use it and its limits, as the catalog shows them (its own record, like <see cref="OwnerTeamFacts"/>).</summary>
[ReadFromDefinitions]
public sealed record DescriptionFacts(string Purpose, string Usage, string Limitations)
{
    public static DescriptionFacts Of(DataProductDescription description) => new(description.Purpose, description.Usage, description.Limitations);
}
