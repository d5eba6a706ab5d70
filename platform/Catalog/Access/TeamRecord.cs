namespace DataMesh.Catalog.Access;

/// <summary>
/// A team that owns no data product (a consumer team), kept in the catalog: owner teams' members come from their
/// products' descriptors instead. Only an administrator creates one; its members manage its membership.
/// </summary>
public sealed class TeamRecord
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static bool MayBeCreatedBy(CatalogCaller caller) => caller.IsAdministrator;

    /// <summary>People are managed by people: its members and administrators, never an application's key.</summary>
    public bool MembersMayBeManagedBy(CatalogCaller caller) => caller is PersonCaller && caller.ActsFor(Name);
}
