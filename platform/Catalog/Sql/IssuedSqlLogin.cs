using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Discovery;
using DataMesh.DataProducts.SqlPorts;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// A login just issued or rotated: the password is in this answer only (the catalog keeps no copy). <paramref name="Host"/>
/// and <paramref name="Port"/> are the server as the catalog reaches it, <paramref name="Databases"/> the databases the
/// consumer's grants are in (the mesh database first, when there is one; the others from registered contracts, hence
/// <see cref="ReadFromDefinitionsAttribute"/>): hints, since a client may reach the server otherwise.
/// </summary>
[ReadFromDefinitions]
public sealed record IssuedSqlLogin(
    [property: MaxLength(AccessDesk.MaxIdLength)] string ConsumerId,
    [property: MaxLength(SqlIdentifier.MaxLength)] string Role,
    [property: MaxLength(SqlPassword.MaxLength)] string Password,
    [property: MaxLength(SqlLoginFacts.MaxHostLength)] string? Host,
    int Port,
    IReadOnlyList<string> Databases,
    DateTimeOffset PasswordSetAt)
{
    /// <summary>How to connect to each of <see cref="Databases"/>, without the password (a login's, not a port's: no schema).</summary>
    public IEnumerable<SqlConnectionHint> ConnectionHints() =>
        Databases.Select(database => new SqlConnectionHint(ConsumerId, Role, Host, Port, database, Schema: ""));
}
