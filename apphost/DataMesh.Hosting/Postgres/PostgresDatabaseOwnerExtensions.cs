using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aspire.Hosting;

/// <summary>
/// Databases owned by login roles of their own on Aspire's PostgreSQL container, as local mode does with
/// <see cref="LocalPostgresBuilderExtensions.AddDatabase"/>: the service gets a connection string with its role's
/// credentials, and the superuser only creates the roles and databases.
/// </summary>
public static class PostgresDatabaseOwnerExtensions
{
    /// <summary>
    /// Once the server is up, gives each database that has a <see cref="DatabaseOwnerAnnotation"/> to its role
    /// (<see cref="OwnedDatabase.EnsureAsync"/>), then makes the mesh's SQL access (<see cref="MeshSqlAccess"/>). Aspire creates the databases just before, as the superuser; the role
    /// cannot be created in that step, since its script runs before the password is known and may not hold
    /// CREATE DATABASE beside other statements.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithDatabaseOwners(this IResourceBuilder<PostgresServerResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var server = builder.Resource;
        builder.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(server, async (_, cancellationToken) =>
        {
            var superuser = await server.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new DistributedApplicationException($"The PostgreSQL server '{server.Name}' has no connection string.");
            foreach (var database in builder.ApplicationBuilder.Resources.OfType<PostgresDatabaseResource>().Where(database => database.Parent == server))
            {
                if (database.Annotations.OfType<DatabaseOwnerAnnotation>().SingleOrDefault() is { } owner)
                {
                    var password = await owner.Password.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
                    await OwnedDatabase.EnsureAsync(superuser, database.DatabaseName, owner.Role, password, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var access in server.Annotations.OfType<MeshSqlAccessAnnotation>())
            {
                var provisionerPassword = await access.ProvisionerPassword.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
                await MeshSqlAccess.EnsureAsync(superuser, access, provisionerPassword, cancellationToken).ConfigureAwait(false);
            }
        });
        return builder;
    }

    /// <summary>
    /// Adds the database <paramref name="databaseName"/> (the resource <c>{server}-{databaseName}</c>), owned by the
    /// role of the same name whose password is <paramref name="ownerPassword"/>, and returns the connection string
    /// <paramref name="name"/> its service references: healthy once the role signs in to its database.
    /// </summary>
    public static IResourceBuilder<ConnectionStringResource> AddOwnedDatabase(
        this IResourceBuilder<PostgresServerResource> builder, [ResourceName] string name, string databaseName, IResourceBuilder<ParameterResource> ownerPassword)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ownerPassword);
        var owner = new DatabaseOwnerAnnotation(databaseName, ownerPassword.Resource);
        var database = builder.AddDatabase($"{builder.Resource.Name}-{databaseName}", databaseName).WithAnnotation(owner);
        var connection = builder.ApplicationBuilder.AddConnectionString(name, owner.ConnectionString(builder.Resource.PrimaryEndpoint, databaseName));

        var healthCheckKey = $"{name}_owner_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new DelegateHealthCheck(async cancellationToken =>
            {
                var connectionString = await connection.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
                await using var session = new NpgsqlConnection(connectionString);
                await session.OpenAsync(cancellationToken).ConfigureAwait(false);
            }),
            failureStatus: default,
            tags: default));

        // Waits for the database (and so its server); healthy once the owner signs in, after the server's ready event
        // has made the role.
        return connection
            .WithParentRelationship(database)
            .WaitFor(database)
            .WithHealthCheck(healthCheckKey);
    }
}
