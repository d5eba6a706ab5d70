using System.Text;
using DataMesh.Catalog.Api;
using DataMesh.DataProducts.SqlPorts;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// The one place a consumer's PostgreSQL role name is chosen: <see cref="Prefix"/> and the consumer's id, exactly. The
/// prefix keeps consumers apart from the mesh's own roles (<c>catalog</c>, <c>finance</c>, <c>hr</c>, <c>marketing</c>,
/// <c>mesh</c>, <c>postgres</c>, the group role <c>mesh_consumers</c>, PostgreSQL's reserved <c>pg_</c>), and keeping the id
/// as it is (the name is always quoted) keeps two consumers apart from each other.
/// </summary>
public static class SqlLoginRole
{
    public const string Prefix = ConsumerLoginFunctions.RolePrefix;

    /// <summary>The longest consumer id (in UTF-8 bytes) that still makes a role name PostgreSQL keeps whole.</summary>
    public static int MaxConsumerIdBytes { get; } = SqlIdentifier.MaxLength - Encoding.UTF8.GetByteCount(Prefix);

    /// <summary>The role name of <paramref name="consumerId"/>.</summary>
    /// <exception cref="CatalogRefusal">400 naming <c>id</c>: the name would be longer than PostgreSQL keeps (63 bytes).</exception>
    public static string For(string consumerId)
    {
        if (Encoding.UTF8.GetByteCount(consumerId) > MaxConsumerIdBytes)
        {
            throw CatalogRefusal.Invalid("id",
                $"consumer '{consumerId}' is too long for a PostgreSQL login: its role '{Prefix}{consumerId}' would be longer than {SqlIdentifier.MaxLength} bytes (ids of at most {MaxConsumerIdBytes} bytes fit)");
        }

        return Prefix + consumerId;
    }
}
