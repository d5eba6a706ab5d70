namespace DataMesh.Catalog.Sql;

/// <summary>
/// A login just issued or rotated: the password is in this answer only (the catalog keeps no copy). <paramref name="Host"/>
/// and <paramref name="Port"/> are the server as the catalog reaches it, <paramref name="Databases"/> the databases the
/// consumer's grants are in (the mesh database first, when there is one): hints, since a client may reach the server otherwise.
/// </summary>
public sealed record IssuedSqlLogin(string ConsumerId, string Role, string Password, string? Host, int Port, IReadOnlyList<string> Databases, DateTimeOffset PasswordSetAt);
