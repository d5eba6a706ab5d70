using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// Data a product consumes: the contract (id and the version the consumer was written against) and the
/// upstream product offering it. ODPS v1.0.0 has no field for the upstream product; the mesh writes it as the
/// port's custom property <c>dataProductId</c> (<c>customProperties: [{property: dataProductId, value: hr.employees}]</c>)
/// so lineage does not depend on opening the contract.
/// </summary>
public sealed record InputPort(string Name, string DataProductId, string ContractId, SemVersion Version, DefinitionSource Source)
{
    /// <summary>The <c>version</c> as written; <see cref="Version"/> is it as semver (0.0.0 when it is not, which governance refuses).</summary>
    public string VersionText { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Every custom property as written, the <c>dataProductId</c> one included.</summary>
    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<DataMesh.Contracts.Model.AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    /// <summary>The custom property naming the upstream data product.</summary>
    public const string UpstreamProperty = "dataProductId";

    /// <summary>The field the upstream product is reported at, e.g. <c>inputPorts[0].customProperties[dataProductId]</c>.</summary>
    public const string UpstreamField = $"customProperties[{UpstreamProperty}]";
}
