using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.DataProducts.SqlPorts;

namespace DataMesh.Catalog.Sql;

/// <summary>A consumer's login as anyone who manages the consumer may see it: never a password.</summary>
public sealed record SqlLoginFacts(
    [property: MaxLength(AccessDesk.MaxIdLength)] string ConsumerId,
    [property: MaxLength(SqlIdentifier.MaxLength)] string Role,
    SqlLoginState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordSetAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? DroppedAt,
    [property: MaxLength(SqlLoginRecord.MaxDropErrorLength)] string? LastDropError)
{
    /// <summary>A DNS name is at most 253 characters; 255 leaves room for an IPv6 literal in brackets too.</summary>
    public const int MaxHostLength = 255;

    public static SqlLoginFacts Of(SqlLoginRecord login) =>
        new(login.ConsumerId, login.Role, login.State, login.CreatedAt, login.PasswordSetAt, login.RevokedAt, login.DroppedAt, login.LastDropError);
}
