using YamlDotNet.Serialization;
using k8s.Models;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// PostgreSQL through the CloudNativePG operator (API <c>postgresql.cnpg.io/v1</c>): one <c>Cluster</c> whose managed
/// roles are the databases' owners, and a declarative <c>Database</c> per database of the AppHost's model, owned by
/// its role.
/// </summary>
public static class CloudNativePg
{
    public const string ApiVersion = "postgresql.cnpg.io/v1";

    /// <summary>The read-write Service the operator keeps pointed at the primary.</summary>
    public static string ReadWriteService(string cluster) => $"{cluster}-rw";

    /// <summary>
    /// The cluster, with no superuser access: the operator creates the roles and databases itself, and no service needs
    /// more than its own role. Each role may sign in to its own database only (pg_hba: <c>samerole</c>, then a
    /// rejection of the roles everywhere else).
    /// </summary>
    public static CustomResource<CnpgClusterSpec> Cluster(string name, int instances, string storageSize, IReadOnlyList<CnpgRole> roles)
    {
        var roleNames = string.Join(',', roles.Select(role => role.Name));
        return new(ApiVersion, "Cluster", new V1ObjectMeta { Name = name },
            new CnpgClusterSpec(instances, new CnpgStorage(storageSize), EnableSuperuserAccess: false,
                new CnpgManagedConfiguration(roles),
                new CnpgPostgresConfiguration([$"host samerole {roleNames} all scram-sha-256", $"host all {roleNames} all reject"])));
    }

    /// <summary>A login role, with no other power, whose password the operator reads from a basic-auth Secret.</summary>
    public static CnpgRole Role(string name, string passwordSecret) => new(name, "present", Login: true, new CnpgSecretReference(passwordSecret));

    public static CustomResource<CnpgDatabaseSpec> Database(string cluster, string database, string owner) =>
        new(ApiVersion, "Database", new V1ObjectMeta { Name = KubernetesNames.From($"{cluster}-{database}") },
            new CnpgDatabaseSpec(database, owner, new CnpgClusterReference(cluster)));
}

public sealed record CnpgClusterSpec(int Instances, CnpgStorage Storage, bool EnableSuperuserAccess, CnpgManagedConfiguration Managed, CnpgPostgresConfiguration Postgresql);

public sealed record CnpgStorage(string Size);

public sealed record CnpgManagedConfiguration(IReadOnlyList<CnpgRole> Roles);

public sealed record CnpgRole(string Name, string Ensure, bool Login, CnpgSecretReference PasswordSecret);

public sealed record CnpgPostgresConfiguration([property: YamlMember(Alias = "pg_hba", ApplyNamingConventions = false)] IReadOnlyList<string> PgHba);

public sealed record CnpgSecretReference(string Name);

public sealed record CnpgDatabaseSpec(string Name, string Owner, CnpgClusterReference Cluster);

public sealed record CnpgClusterReference(string Name);
