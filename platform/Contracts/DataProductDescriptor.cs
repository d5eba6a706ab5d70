using Semver;

namespace DataMesh.Contracts;

/// <summary>A data product as an ODPS v1.0.0 <c>*.odps.yaml</c> file describes it.</summary>
public sealed record DataProductDescriptor(
    string ApiVersion,
    string Id,
    string Name,
    SemVersion Version,
    DataProductStatus Status,
    string Domain,
    string? Tenant,
    DataProductDescription Description,
    Team Team,
    IReadOnlyList<InputPort> InputPorts,
    IReadOnlyList<OutputPort> OutputPorts,
    IReadOnlyList<string> Tags,
    DefinitionSource Source);
