using System.Collections.Concurrent;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// The SQL ports of each registered product version, read once per process: the registry never changes a registered
/// descriptor or contract version (the same version with another text is refused), so what a product version's ports
/// are never changes either, and the product page, logins and grant events need not read the stored YAML again.
/// </summary>
public sealed class RegisteredSqlPorts
{
    private readonly ConcurrentDictionary<(string DataProductId, string Version), IReadOnlyList<SqlPortFacts>> ports = new();

    /// <summary>The ports of <paramref name="dataProductId"/> at <paramref name="version"/>, if they were read before.</summary>
    public bool TryGet(string dataProductId, string version, out IReadOnlyList<SqlPortFacts> found) =>
        ports.TryGetValue((dataProductId, version), out found!);

    /// <summary>Keeps what a product version's ports are, once every contract its output ports name was found registered.</summary>
    public void Keep(string dataProductId, string version, IReadOnlyList<SqlPortFacts> found) => ports[(dataProductId, version)] = found;
}
