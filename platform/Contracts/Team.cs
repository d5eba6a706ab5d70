using DataMesh.Contracts.Model;

namespace DataMesh.Contracts;

/// <summary>
/// The owning team, in the object form Bitol's RFC 0016 introduced (ODPS v1.0.0, ODCS v3.1): a name, a description
/// and members. <see cref="Name"/> is empty when the document names none (the standards allow it; the mesh's
/// governance asks for it). ODCS v3.0.x wrote the team as a bare list of members: <see cref="IsMemberList"/> says so,
/// and the team is then written back in that form.
/// </summary>
public sealed record Team(string Name, string? Description, IReadOnlyList<TeamMember> Members)
{
    public string? Id { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];

    /// <summary>Where the team is written; null for a team built in code.</summary>
    public DefinitionSource? Source { get; init; }

    /// <summary>Whether the document wrote the team as a bare list of members (ODCS v3.0.x), not as an object.</summary>
    public bool IsMemberList { get; init; }
}
