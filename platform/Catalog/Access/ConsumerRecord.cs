using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Api;

namespace DataMesh.Catalog.Access;

/// <summary>Who reads data products: a team's application, identified by its API keys.</summary>
/// <remarks>
/// Its bounds are [Length] (the OpenAPI document reads it, EF Core does not, so the columns stay text): the values are
/// checked where they enter the catalog (<see cref="AccessDesk"/>, <see cref="TeamDirectory"/>).
/// </remarks>
public sealed class ConsumerRecord
{
    /// <summary>A lower-case name such as <c>finance-reporting</c>.</summary>
    [Length(0, AccessDesk.MaxIdLength)]
    public required string Id { get; set; }

    /// <summary>The team answerable for the consumer's use of the data.</summary>
    [Length(0, TeamDirectory.MaxNameLength)]
    public required string Team { get; set; }

    [Length(0, CatalogRefusal.MaxDescriptionLength)]
    public string? Description { get; set; }

    /// <summary>The requests per second the gateway lets this consumer's keys make; null for the gateway's default.</summary>
    public int? RequestsPerSecond { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Who manages the consumer (its keys, its requests and grants): its team's members and administrators, and a key
    /// of this consumer itself; a key never manages another consumer, even of its own team.
    /// </summary>
    public bool MayBeManagedBy(CatalogCaller caller) => caller is ConsumerCaller key ? key.ConsumerId == Id : caller.ActsFor(Team);

    /// <summary>A team's members, an administrator, or a key of the team register consumers for it.</summary>
    public static bool MayBeRegisteredBy(CatalogCaller caller, string team) => caller.ActsFor(team);

    /// <summary>The rate is the platform's to give: an administrator's alone, so no key raises its own.</summary>
    public static bool RateMayBeSetBy(CatalogCaller caller) => caller.IsAdministrator;
}
