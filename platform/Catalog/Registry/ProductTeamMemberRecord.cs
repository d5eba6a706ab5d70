namespace DataMesh.Catalog.Registry;

/// <summary>
/// A person the newest registered descriptor of a data product names in <c>team.members</c>: the members of its owner
/// team, replaced with every newer version.
/// </summary>
public sealed class ProductTeamMemberRecord
{
    public required string DataProductId { get; set; }

    /// <summary>Normalized (<see cref="Access.TeamMembership.Normalize"/>).</summary>
    public required string UserName { get; set; }

    /// <summary>The descriptor's role, as written (free text).</summary>
    public string? Role { get; set; }
}
