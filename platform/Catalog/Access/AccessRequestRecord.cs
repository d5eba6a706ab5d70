using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;

namespace DataMesh.Catalog.Access;

/// <summary>
/// A consumer's request to read a data product for a purpose; approved, it is a grant until revoked. Every
/// step is also written to the audit trail (<see cref="AccessAuditRecord"/>).
/// </summary>
/// <remarks>
/// Its bounds are [Length] (the OpenAPI document reads it, EF Core does not, so the columns stay text): the values are
/// checked where they enter the catalog (<see cref="AccessDesk"/>, <see cref="TeamDirectory"/>).
/// </remarks>
public sealed class AccessRequestRecord
{
    public Guid Id { get; set; }

    [Length(0, DataProductRecord.MaxIdLength)]
    public required string DataProductId { get; set; }

    [Length(0, AccessDesk.MaxIdLength)]
    public required string ConsumerId { get; set; }

    [Length(0, AccessDesk.MaxPurposeLength)]
    public required string Purpose { get; set; }

    /// <summary>Whether the consumer asks to read personal data; otherwise the gateway withholds it.</summary>
    public bool PersonalData { get; set; }

    public AccessStatus Status { get; set; }

    /// <summary>The caller who asked (<see cref="CatalogCaller.Name"/>).</summary>
    [Length(0, CatalogCaller.MaxNameLength)]
    public required string RequestedBy { get; set; }

    public CallerKind RequestedByKind { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    [Length(0, CatalogCaller.MaxNameLength)]
    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>
    /// The owner team decides (<see cref="DataProductRecord.AccessMayBeDecidedBy"/>), but never the caller who asked:
    /// separation of duties, so nobody grants themselves data, administrators included.
    /// </summary>
    public bool MayBeDecidedBy(CatalogCaller caller, DataProductRecord product) => product.AccessMayBeDecidedBy(caller) && !WasRequestedBy(caller);

    public bool WasRequestedBy(CatalogCaller caller) =>
        RequestedByKind == caller.Kind && string.Equals(RequestedBy, caller.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>A grant ends by the owner team's decision or by whoever manages the consumer.</summary>
    public static bool MayBeRevokedBy(CatalogCaller caller, DataProductRecord product, ConsumerRecord consumer) =>
        product.AccessMayBeDecidedBy(caller) || consumer.MayBeManagedBy(caller);

    /// <exception cref="CatalogRefusal">409: the request is decided already.</exception>
    public void Decide(bool approve, CatalogCaller caller, DateTimeOffset at)
    {
        if (Status != AccessStatus.Pending)
        {
            throw CatalogRefusal.Conflict("requestId", $"the request is already {Status.ToString().ToLowerInvariant()}");
        }

        Status = approve ? AccessStatus.Approved : AccessStatus.Denied;
        DecidedBy = caller.Name;
        DecidedAt = at;
    }

    /// <exception cref="CatalogRefusal">409: the request is not a grant.</exception>
    public void Revoke()
    {
        if (Status != AccessStatus.Approved)
        {
            throw CatalogRefusal.Conflict("requestId", $"the request is {Status.ToString().ToLowerInvariant()}, not a grant");
        }

        Status = AccessStatus.Revoked;
    }
}
