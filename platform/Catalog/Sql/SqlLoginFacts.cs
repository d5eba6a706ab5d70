namespace DataMesh.Catalog.Sql;

/// <summary>A consumer's login as anyone who manages the consumer may see it: never a password.</summary>
public sealed record SqlLoginFacts(
    string ConsumerId, string Role, SqlLoginState State, DateTimeOffset CreatedAt, DateTimeOffset PasswordSetAt, DateTimeOffset? RevokedAt, DateTimeOffset? DroppedAt,
    string? LastDropError)
{
    public static SqlLoginFacts Of(SqlLoginRecord login) =>
        new(login.ConsumerId, login.Role, login.State, login.CreatedAt, login.PasswordSetAt, login.RevokedAt, login.DroppedAt, login.LastDropError);
}
