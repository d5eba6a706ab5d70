using Aspire.Hosting.ApplicationModel;
using DataMesh.DataProducts.SqlPorts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// The mesh's PostgreSQL server, whichever way it runs. Each domain and the catalog get a database of
/// their own on it, owned by a login role of their own: they share the server process, never a database or a role.
/// </summary>
public sealed class MeshPostgres
{
    /// <summary>The platform's database of foreign tables, and the role that owns it.</summary>
    public const string MeshDatabaseName = "mesh";

    /// <summary>The role that creates, rotates and drops consumers' login roles.</summary>
    public const string ProvisionerRole = "mesh_provisioner";

    /// <summary>The NOLOGIN role with CREATEROLE that the provisioner's functions run as.</summary>
    public const string LoginCreatorRole = "mesh_login_creator";

    private readonly Func<string, string, IResourceBuilder<IResourceWithConnectionString>> _addDatabase;
    private readonly EndpointReference _endpoint;

    internal MeshPostgres(IResourceBuilder<IResourceWithConnectionString> server, EndpointReference endpoint, Func<string, string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
    {
        Server = server;
        _endpoint = endpoint;
        _addDatabase = addDatabase;
    }

    public IResourceBuilder<IResourceWithConnectionString> Server { get; }

    /// <summary>
    /// Adds the database <paramref name="databaseName"/>, known to its service as the connection <paramref name="name"/>,
    /// owned by the role <paramref name="databaseName"/> whose password is the secret parameter <c>{name}-password</c>:
    /// the connection carries that role, never the superuser.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name, string databaseName) => _addDatabase(name, databaseName);

    /// <summary>
    /// Adds the mesh's SQL access: the <c>mesh</c> database owned by the <c>mesh</c> role (connection
    /// <see cref="SqlPortConnections.MeshDatabase"/>, password <c>mesh-db-password</c>) with postgres_fdw, the group role
    /// <see cref="SqlPortConnections.ConsumersGroupRole"/>, and the provisioning role (connection
    /// <see cref="SqlPortConnections.Provisioner"/>, password <c>mesh-provisioner-password</c>), healthy once it signs in,
    /// which the superuser's step makes last (<see cref="Postgres.MeshSqlAccess"/>).
    /// </summary>
    public MeshSqlAccessResources AddSqlAccess()
    {
        var builder = Server.ApplicationBuilder;
        var meshDatabase = AddDatabase(SqlPortConnections.MeshDatabase, MeshDatabaseName);
        var password = builder.AddParameter($"{SqlPortConnections.Provisioner}-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
        var access = new MeshSqlAccessAnnotation(MeshDatabaseName, MeshDatabaseName, ProvisionerRole, password.Resource, SqlPortConnections.ConsumersGroupRole, LoginCreatorRole);
        Server.WithAnnotation(access);

        var provisioner = builder.AddConnectionString(SqlPortConnections.Provisioner, access.ProvisionerConnectionString(_endpoint));
        var healthCheckKey = $"{SqlPortConnections.Provisioner}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new Postgres.DelegateHealthCheck(async cancellationToken =>
            {
                var connectionString = await provisioner.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
                await using var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
                await session.OpenAsync(cancellationToken).ConfigureAwait(false);
            }),
            failureStatus: default,
            tags: default));
        return new MeshSqlAccessResources(meshDatabase, provisioner.WaitFor(meshDatabase).WithHealthCheck(healthCheckKey));
    }
}

/// <summary>The two connections of the mesh's SQL access, both for the catalog alone.</summary>
public sealed record MeshSqlAccessResources(
    IResourceBuilder<IResourceWithConnectionString> MeshDatabase,
    IResourceBuilder<IResourceWithConnectionString> Provisioner);
