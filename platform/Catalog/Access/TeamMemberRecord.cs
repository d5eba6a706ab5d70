namespace DataMesh.Catalog.Access;

/// <summary>A person in a team the catalog keeps (<see cref="TeamRecord"/>).</summary>
public sealed class TeamMemberRecord
{
    public required string Team { get; set; }

    /// <summary>Normalized (<see cref="TeamMembership.Normalize"/>).</summary>
    public required string UserName { get; set; }

    public TeamRole Role { get; set; }

    public required string AddedBy { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
