using DataMesh.Contracts.Model;
using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// A data product as an ODPS v1.0.0 <c>*.odps.yaml</c> file describes it, every section of the standard included.
/// <see cref="Name"/> and <see cref="Domain"/> are empty, and <see cref="Team"/> has no name, when not written: the
/// standard makes them optional, the mesh's governance asks for them.
/// </summary>
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
    DefinitionSource Source)
{
    /// <summary>The <c>version</c> as written (null when none is); <see cref="Version"/> is it as semver (0.0.0 when it is not, which governance refuses).</summary>
    public string? VersionText { get; init; }

    /// <summary>The <c>status</c> as written; <see cref="Status"/> is it as the mesh knows it (proposed when unknown, which governance refuses).</summary>
    public string StatusText { get; init; } = "";

    /// <summary>Whether <c>name</c>, <c>domain</c> and <c>team</c> are written (an empty one read from the file is kept as written).</summary>
    public IReadOnlySet<string> Written { get; init; } = new HashSet<string>();

    public IReadOnlyList<AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<ManagementPort> ManagementPorts { get; init; } = [];

    public IReadOnlyList<SupportChannel> Support { get; init; } = [];

    /// <summary>When the product was created, as written (a date-time).</summary>
    public string? ProductCreatedTs { get; init; }
}
