using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh;

namespace Aspire.Hosting;

/// <summary>The infrastructure every domain shares, in either <see cref="MeshInfrastructure"/> mode.</summary>
public static class MeshInfrastructureExtensions
{
    public const string PostgresDataDirectoryKey = "Mesh:Postgres:DataDirectory";

    /// <summary>The Kafka resource's name, so also its connection name: local mode reads <c>ConnectionStrings:kafka</c>.</summary>
    public const string KafkaName = "kafka";

    public static MeshInfrastructure MeshInfrastructure(this IDistributedApplicationBuilder builder) =>
        MeshInfrastructureConfiguration.Read(builder.Configuration);

    /// <summary>
    /// Containers: Aspire's PostgreSQL container with a data volume and pgweb.
    /// Local: a server from the machine's binaries, its data in <c>Mesh:Postgres:DataDirectory</c>
    /// (default: <see cref="DefaultLocalDataDirectory"/>).
    /// Either way each database belongs to a login role of its own (<see cref="MeshPostgres.AddDatabase"/>), and the
    /// superuser (<c>{name}-password</c>) serves only to create roles and databases.
    /// </summary>
    public static MeshPostgres AddMeshPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var password = builder.AddParameter($"{name}-password", secret: true,
            value: new GenerateParameterDefault { MinLength = 22, Special = false });

        if (builder.MeshInfrastructure() == DataMesh.MeshInfrastructure.Local)
        {
            var dataDirectory = builder.Configuration[PostgresDataDirectoryKey] is { Length: > 0 } configured ? configured : DefaultLocalDataDirectory();
            var local = builder.AddLocalPostgres(name, dataDirectory, password);
            return new MeshPostgres(local, local.Resource.PrimaryEndpoint, (databaseResource, databaseName) =>
                local.AddDatabase(databaseResource, databaseName, OwnerPassword(builder, databaseResource)));
        }

        var container = builder.AddPostgres(name, password: password)
            .WithDataVolume()
            .WithPgWeb()
            .WithDatabaseOwners();
        return new MeshPostgres(container, container.Resource.PrimaryEndpoint, (databaseResource, databaseName) =>
            container.AddOwnedDatabase(databaseResource, databaseName, OwnerPassword(builder, databaseResource)));
    }

    /// <summary>The password of the role that owns the database its service knows as <paramref name="connectionName"/>.</summary>
    private static IResourceBuilder<ParameterResource> OwnerPassword(IDistributedApplicationBuilder builder, string connectionName) =>
        builder.AddParameter($"{connectionName}-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);

    /// <summary>
    /// Containers: a single-node KRaft broker with a data volume and Kafka UI.
    /// Local: the existing broker named by <c>ConnectionStrings:{name}</c>, which the dashboard shows answering or not
    /// and nothing waits for (<see cref="ExternalKafkaResource"/>).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMeshKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        if (builder.MeshInfrastructure() == DataMesh.MeshInfrastructure.Local)
        {
            return builder.AddExternalKafka(name);
        }

        return builder.AddKafka(name)
            .WithDataVolume()
            .WithKafkaUI();
    }

    /// <summary>
    /// Where local mode keeps PostgreSQL's data: under the user's data folder, or under /var/lib for root,
    /// whose home the unprivileged server account cannot enter.
    /// </summary>
    public static string DefaultLocalDataDirectory()
    {
        if (Environment.UserName == "root")
        {
            return "/var/lib/datamesh-aspire/postgres";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "datamesh-aspire", "postgres");
    }
}
