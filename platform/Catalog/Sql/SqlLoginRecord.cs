using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.DataProducts.SqlPorts;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// A consumer's PostgreSQL login role as the catalog keeps it: its name and state, never its password (shown once when
/// issued). One row per consumer; a dropped login's row is taken up again when the consumer gets a new one.
/// </summary>
public sealed class SqlLoginRecord
{
    /// <summary>The longest drop failure kept (PostgreSQL's message and detail naming what still depends on the role).</summary>
    public const int MaxDropErrorLength = 2000;

    [Length(0, AccessDesk.MaxIdLength)]
    public required string ConsumerId { get; set; }

    /// <summary>The role's name (<see cref="SqlLoginRole.For"/>), unquoted.</summary>
    [Length(0, SqlIdentifier.MaxLength)]
    public required string Role { get; set; }

    public SqlLoginState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current password was set: at creation or by the last rotation.</summary>
    public DateTimeOffset PasswordSetAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? DroppedAt { get; set; }

    /// <summary>How often <c>DROP ROLE</c> was refused since the login was revoked.</summary>
    public int DropAttempts { get; set; }

    /// <summary>Why the last <c>DROP ROLE</c> was refused: usually the privileges a domain has not revoked yet.</summary>
    [Length(0, MaxDropErrorLength)]
    public string? LastDropError { get; set; }
}
