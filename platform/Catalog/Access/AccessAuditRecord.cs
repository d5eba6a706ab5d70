using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Registry;

namespace DataMesh.Catalog.Access;

/// <summary>One entry of the audit trail: who did what to an access request or an API key, and when. Never updated.</summary>
/// <remarks>
/// Its bounds are [Length] (the OpenAPI document reads it, EF Core does not, so the columns stay text): the values are
/// checked where they enter the catalog (<see cref="AccessDesk"/>, <see cref="TeamDirectory"/>).
/// </remarks>
public sealed class AccessAuditRecord
{
    /// <summary>The longest action word (<c>consumer-registered</c> is the longest today).</summary>
    public const int MaxActionLength = 32;

    /// <summary>A decision's note, or the purpose a request gives, whichever may be longer.</summary>
    public const int MaxNoteLength = AccessDesk.MaxPurposeLength > AccessDesk.MaxNoteLength ? AccessDesk.MaxPurposeLength : AccessDesk.MaxNoteLength;

    public long Id { get; set; }

    /// <summary>
    /// requested, approved, denied, revoked, key-issued, key-rotated, key-revoked, sql-login-created, sql-login-rotated,
    /// sql-login-revoked, sql-login-dropped, and the other steps the catalog audits.
    /// </summary>
    [Length(0, MaxActionLength)]
    public required string Action { get; set; }

    /// <summary>The caller: a signed-in person's user name, a consumer's id or a service's name (<see cref="CatalogCaller.Name"/>).</summary>
    [Length(0, CatalogCaller.MaxNameLength)]
    public required string Actor { get; set; }

    public CallerKind ActorKind { get; set; }

    public DateTimeOffset At { get; set; }

    [Length(0, AccessDesk.MaxIdLength)]
    public required string ConsumerId { get; set; }

    [Length(0, DataProductRecord.MaxIdLength)]
    public string? DataProductId { get; set; }

    public Guid? RequestId { get; set; }

    public Guid? ApiKeyId { get; set; }

    [Length(0, MaxNoteLength)]
    public string? Note { get; set; }

    /// <summary>An entry for <paramref name="action"/> by <paramref name="caller"/>, now.</summary>
    public static AccessAuditRecord Of(
        string action, CatalogCaller caller, DateTimeOffset at, string consumerId, string? dataProductId = null, Guid? requestId = null, string? note = null, Guid? apiKeyId = null)
    {
        // The actions are the catalog's own words: a longer one is a bug there, never the caller's fault.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(action.Length, MaxActionLength, nameof(action));
        return new AccessAuditRecord
        {
            Action = action, Actor = caller.Name, ActorKind = caller.Kind, At = at, ConsumerId = consumerId, DataProductId = dataProductId,
            RequestId = requestId, ApiKeyId = apiKeyId, Note = note,
        };
    }
}
