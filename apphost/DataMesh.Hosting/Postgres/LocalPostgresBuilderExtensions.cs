using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Aspire.Hosting;

/// <summary>
/// <c>AddLocalPostgres</c>: PostgreSQL without a container, from the machine's own binaries, with
/// <c>AddDatabase</c> like Aspire.Hosting.PostgreSQL. The server is a real process the orchestrator starts
/// and stops; its data folder is created on the first run and kept.
/// </summary>
public static class LocalPostgresBuilderExtensions
{
    public const string BinDirectoryKey = "Mesh:Postgres:BinDirectory";
    public const string ServerUserKey = "Mesh:Postgres:ServerUser";
    public const string PortKey = "Mesh:Postgres:Port";

    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        string dataDirectory,
        IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var passwordParameter = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);

        var (binaries, problem) = PostgresBinaries.Locate(builder.Configuration[BinDirectoryKey], builder.Configuration[ServerUserKey] ?? "postgres");
        var fullDataDirectory = Path.GetFullPath(dataDirectory);
        var cluster = binaries is null ? null : new LocalPostgresCluster(fullDataDirectory, binaries);
        var (command, arguments) = cluster?.ServerCommand() ?? ("postgres", []);

        var server = new LocalPostgresServerResource(name, command, fullDataDirectory, passwordParameter);

        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((_, _) => problem is null
                ? Task.CompletedTask
                : throw new DistributedApplicationException(problem));
        }

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            await cluster!.InitializeAsync(new ResourceLogWriter(log), cancellationToken).ConfigureAwait(false);
        });

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var port = server.Port;
            var secret = await passwordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
            // The password of a kept cluster may be an earlier run's: this run's parameter wins.
            await cluster!.SetPasswordAsync(port, secret, cancellationToken).ConfigureAwait(false);
            foreach (var database in server.Databases)
            {
                var ownerPassword = await database.Owner.Password.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
                await OwnedDatabase.EnsureAsync(cluster.AdministrativeConnectionString(port), database.DatabaseName, database.Owner.Role, ownerPassword, cancellationToken).ConfigureAwait(false);
            }

            foreach (var access in server.Annotations.OfType<MeshSqlAccessAnnotation>())
            {
                var provisionerPassword = await access.ProvisionerPassword.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
                await MeshSqlAccess.EnsureAsync(cluster.AdministrativeConnectionString(port), access, provisionerPassword, cancellationToken).ConfigureAwait(false);
            }

            foreach (var database in server.Databases)
            {
                // A database is no process of its own: it runs once it and the mesh's SQL access exist, and its health check says when it takes connections.
                await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                }).ConfigureAwait(false);
            }
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new DelegateHealthCheck(async cancellationToken =>
            {
                // Over the socket: the password is set only once the server is ready.
                await using var connection = cluster!.OpenAdministrativeConnection(server.Port);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }),
            failureStatus: default,
            tags: default));

        // Not proxied: the AppHost itself talks to the server over its socket, whose name carries the real port.
        var port = builder.Configuration.GetValue<int?>(PortKey) ?? FreePort.Next();
        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: port, name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var argument in arguments)
                {
                    context.Args.Add(argument);
                }
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database")
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Adds a database owned by a login role of its own, named after the database, whose password is
    /// <paramref name="ownerPassword"/>: the role its connection string carries.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> builder, [ResourceName] string name, string databaseName, IResourceBuilder<ParameterResource> ownerPassword)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ownerPassword);
        var owner = new DatabaseOwnerAnnotation(databaseName, ownerPassword.Resource);
        var database = new LocalPostgresDatabaseResource(name, databaseName, builder.Resource, owner);
        builder.Resource.AddDatabase(database);

        var connectionString = default(string);
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, cancellationToken) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false));

        // Healthy once the database exists and its owner signs in: what the service will do.
        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new DelegateHealthCheck(async cancellationToken =>
            {
                await using var connection = new NpgsqlConnection(connectionString ?? throw new InvalidOperationException("No connection string yet."));
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }),
            failureStatus: default,
            tags: default));

        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, builder.Resource.Name)],
            })
            .WithAnnotation(owner)
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }
}
