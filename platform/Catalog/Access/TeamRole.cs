namespace DataMesh.Catalog.Access;

/// <summary>A person's role in a team: owners of a product's team decide access to its products; every member manages the team's consumers.</summary>
public enum TeamRole
{
    Member,
    Owner,
}
