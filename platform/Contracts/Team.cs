namespace DataMesh.Contracts;

/// <summary>
/// The owning team, in the object form Bitol's RFC 0016 introduced (ODPS v1.1, ODCS v3.1): ODPS v1.0.0 only
/// has a list of members, which cannot name the team that owns the product.
/// </summary>
public sealed record Team(string Name, string? Description, IReadOnlyList<TeamMember> Members);
