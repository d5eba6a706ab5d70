using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Api;

namespace DataMesh.Catalog.Access;

/// <summary>
/// A team that owns no data product (a consumer team), kept in the catalog: owner teams' members come from their
/// products' descriptors instead. Only an administrator creates one; its members manage its membership.
/// </summary>
/// <remarks>
/// Its bounds are [Length] (the OpenAPI document reads it, EF Core does not, so the columns stay text): the values are
/// checked where they enter the catalog (<see cref="AccessDesk"/>, <see cref="TeamDirectory"/>).
/// </remarks>
public sealed class TeamRecord
{
    [Length(0, TeamDirectory.MaxNameLength)]
    public required string Name { get; set; }

    [Length(0, CatalogRefusal.MaxDescriptionLength)]
    public string? Description { get; set; }

    [Length(0, CatalogCaller.MaxNameLength)]
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static bool MayBeCreatedBy(CatalogCaller caller) => caller.IsAdministrator;

    /// <summary>People are managed by people: its members and administrators, never an application's key.</summary>
    public bool MembersMayBeManagedBy(CatalogCaller caller) => caller is PersonCaller && caller.ActsFor(Name);
}
