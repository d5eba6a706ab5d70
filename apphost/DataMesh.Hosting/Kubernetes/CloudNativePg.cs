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
    /// <param name="bootstrap">What the operator runs as the superuser when it creates the cluster, if anything.</param>
    public static CustomResource<CnpgClusterSpec> Cluster(string name, int instances, string storageSize, IReadOnlyList<CnpgRole> owners,
        IReadOnlyList<(CnpgRole Role, string Database)> confined, CnpgBootstrap? bootstrap = null)
    {
        var ownerNames = string.Join(',', owners.Select(role => role.Name));
        var everyName = string.Join(',', owners.Select(role => role.Name).Concat(confined.Select(entry => entry.Role.Name)));
        return new(ApiVersion, "Cluster", new V1ObjectMeta { Name = name },
            new CnpgClusterSpec(instances, new CnpgStorage(storageSize), EnableSuperuserAccess: false,
                new CnpgManagedConfiguration([.. owners, .. confined.Select(entry => entry.Role)]),
                new CnpgPostgresConfiguration([
                    $"host samerole {ownerNames} all scram-sha-256",
                    .. confined.Select(entry => $"host {entry.Database} {entry.Role.Name} all scram-sha-256"),
                    $"host all {everyName} all reject"]))
            {
                Bootstrap = bootstrap,
            });
    }

    /// <summary>
    /// initdb with <paramref name="database"/> owned by <paramref name="owner"/> as the cluster's first database, and
    /// <paramref name="statements"/> run in it as the superuser once, right after (BootstrapInitDB <c>postInitApplicationSQL</c>):
    /// with superuser access off, the one moment the mesh's superuser-only setup can happen.
    /// </summary>
    public static CnpgBootstrap InitDb(string database, string owner, IReadOnlyList<string> statements) =>
        new(new CnpgInitDb(database, owner, statements));

    /// <summary>A login role, with no other power, whose password the operator reads from a basic-auth Secret.</summary>
    public static CnpgRole Role(string name, string passwordSecret) => new(name, "present", Login: true, new CnpgSecretReference(passwordSecret));


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

public sealed record CnpgClusterSpec(int Instances, CnpgStorage Storage, bool EnableSuperuserAccess, CnpgManagedConfiguration Managed, CnpgPostgresConfiguration Postgresql)
{
    public CnpgBootstrap? Bootstrap { get; init; }
}

public sealed record CnpgBootstrap(CnpgInitDb Initdb);

public sealed record CnpgInitDb(string Database, string Owner,
    [property: YamlMember(Alias = "postInitApplicationSQL", ApplyNamingConventions = false)] IReadOnlyList<string> PostInitApplicationSql);

public sealed record CnpgStorage(string Size);

public sealed record CnpgManagedConfiguration(IReadOnlyList<CnpgRole> Roles);

public sealed record CnpgRole(string Name, string Ensure, bool Login, CnpgSecretReference PasswordSecret);

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
