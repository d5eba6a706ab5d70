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
    /// The read-only Service the operator keeps pointed at the hot standbys (cloudnative-pg api/v1/cluster_funcs.go,
    /// GetServiceReadOnlyName): where analytics reads go, off the primary.
    /// </summary>
    public static string ReadOnlyService(string cluster) => $"{cluster}-ro";

    /// <summary>
    /// The cluster, with no superuser access: the operator creates the roles and databases itself, and no service needs
    /// more than its own role. Each owner may sign in to its own database only (pg_hba: <c>samerole</c>), each of the
    /// <paramref name="confined"/> roles (the mesh's provisioner) to the one database named for it, and none of them anywhere
    /// else. Other roles (consumers' logins) fall to the operator's own last rule, a password anywhere: the databases'
    /// grants decide what they read.
    /// </summary>
    public static CustomResource<CnpgClusterSpec> Cluster(string name, int instances, string storageSize, IReadOnlyList<CnpgRole> owners,
        IReadOnlyList<(CnpgRole Role, string Database)> confined)
    {
        var ownerNames = string.Join(',', owners.Select(role => role.Name));
        var everyName = string.Join(',', owners.Select(role => role.Name).Concat(confined.Select(entry => entry.Role.Name)));
        return new(ApiVersion, "Cluster", new V1ObjectMeta { Name = name },
            new CnpgClusterSpec(instances, new CnpgStorage(storageSize), EnableSuperuserAccess: false,
                new CnpgManagedConfiguration([.. owners, .. confined.Select(entry => entry.Role)]),
                new CnpgPostgresConfiguration([
                    $"host samerole {ownerNames} all scram-sha-256",
                    .. confined.Select(entry => $"host {entry.Database} {entry.Role.Name} all scram-sha-256"),
                    $"host all {everyName} all reject"])));
    }

    /// <summary>A login role, with no other power, whose password the operator reads from a basic-auth Secret.</summary>
    public static CnpgRole Role(string name, string passwordSecret) => new(name, "present", Login: true, new CnpgSecretReference(passwordSecret));

    /// <summary>
    /// A login role that may create, alter and drop roles and nothing more. CloudNativePG manages no ADMIN OPTION, so the group
    /// its roles go in is not the operator's: the role creates it (from PostgreSQL 16 the creator administers what it creates).
    /// </summary>
    public static CnpgRole RoleCreator(string name, string passwordSecret) => Role(name, passwordSecret) with { Createrole = true };

    public static CustomResource<CnpgDatabaseSpec> Database(string cluster, string database, string owner) =>
        new(ApiVersion, "Database", new V1ObjectMeta { Name = KubernetesNames.From($"{cluster}-{database}") },
            new CnpgDatabaseSpec(database, owner, new CnpgClusterReference(cluster)));

    /// <summary>
    /// A database with a foreign data wrapper its owner may use (USAGE): the extension is no trusted one, so the operator, not
    /// the owner, creates it (DatabaseSpec <c>extensions</c> and <c>fdws</c>).
    /// </summary>
    public static CustomResource<CnpgDatabaseSpec> DatabaseWithForeignDataWrapper(string cluster, string database, string owner, string wrapper)
    {
        var plain = Database(cluster, database, owner);
        plain.Spec = plain.Spec with
        {
            Extensions = [new CnpgDatabaseObject(wrapper, "present")],
            Fdws = [new CnpgForeignDataWrapper(wrapper, "present", [new CnpgUsage(owner, "grant")])],
        };
        return plain;
    }
}

public sealed record CnpgClusterSpec(int Instances, CnpgStorage Storage, bool EnableSuperuserAccess, CnpgManagedConfiguration Managed, CnpgPostgresConfiguration Postgresql);

public sealed record CnpgStorage(string Size);

public sealed record CnpgManagedConfiguration(IReadOnlyList<CnpgRole> Roles);

public sealed record CnpgRole(string Name, string Ensure, bool Login, CnpgSecretReference PasswordSecret)
{
    /// <summary>CloudNativePG's <c>createrole</c> (RoleConfiguration); left out when false.</summary>
    [YamlMember(Alias = "createrole", ApplyNamingConventions = false)]
    public bool? Createrole { get; init; }
}

public sealed record CnpgPostgresConfiguration([property: YamlMember(Alias = "pg_hba", ApplyNamingConventions = false)] IReadOnlyList<string> PgHba);

public sealed record CnpgSecretReference(string Name);

public sealed record CnpgDatabaseSpec(string Name, string Owner, CnpgClusterReference Cluster)
{
    public IReadOnlyList<CnpgDatabaseObject>? Extensions { get; init; }

    public IReadOnlyList<CnpgForeignDataWrapper>? Fdws { get; init; }
}

public sealed record CnpgDatabaseObject(string Name, string Ensure);

public sealed record CnpgForeignDataWrapper(string Name, string Ensure, [property: YamlMember(Alias = "usage", ApplyNamingConventions = false)] IReadOnlyList<CnpgUsage> Usage);

public sealed record CnpgUsage(string Name, string Type);

public sealed record CnpgClusterReference(string Name);
