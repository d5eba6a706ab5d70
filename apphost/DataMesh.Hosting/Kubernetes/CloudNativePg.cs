using k8s.Models;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// PostgreSQL through the CloudNativePG operator (API <c>postgresql.cnpg.io/v1</c>): one <c>Cluster</c> and a
/// declarative <c>Database</c> per database of the AppHost's model.
/// </summary>
public static class CloudNativePg
{
    public const string ApiVersion = "postgresql.cnpg.io/v1";

    /// <summary>The read-write Service the operator keeps pointed at the primary.</summary>
    public static string ReadWriteService(string cluster) => $"{cluster}-rw";

    public static CustomResource<CnpgClusterSpec> Cluster(string name, int instances, string storageSize, string superuserSecret) =>
        new(ApiVersion, "Cluster", new V1ObjectMeta { Name = name },
            new CnpgClusterSpec(instances, new CnpgStorage(storageSize), EnableSuperuserAccess: true, new CnpgSecretReference(superuserSecret)));

    public static CustomResource<CnpgDatabaseSpec> Database(string cluster, string database, string owner) =>
        new(ApiVersion, "Database", new V1ObjectMeta { Name = KubernetesNames.From($"{cluster}-{database}") },
            new CnpgDatabaseSpec(database, owner, new CnpgClusterReference(cluster)));
}

/// <summary>
/// The services connect as the superuser, as they do in the AppHost; the operator then needs the superuser
/// enabled and its password from the Secret the services read too.
/// </summary>
public sealed record CnpgClusterSpec(int Instances, CnpgStorage Storage, bool EnableSuperuserAccess, CnpgSecretReference SuperuserSecret);

public sealed record CnpgStorage(string Size);

public sealed record CnpgSecretReference(string Name);

public sealed record CnpgDatabaseSpec(string Name, string Owner, CnpgClusterReference Cluster);

public sealed record CnpgClusterReference(string Name);
