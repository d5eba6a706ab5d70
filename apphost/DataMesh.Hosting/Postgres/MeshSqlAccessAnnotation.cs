namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The mesh's SQL access on a PostgreSQL server: the <see cref="Database"/> its <see cref="Owner"/> keeps the foreign
/// servers, tables and user mappings of every SQL port in (postgres_fdw), the NOLOGIN group role <see cref="ConsumersGroup"/>
/// every consumer's login is created in, and the <see cref="Provisioner"/> role that creates those logins (LOGIN
/// CREATEROLE and nothing more), whose password is the secret parameter <see cref="ProvisionerPassword"/>. The superuser
/// makes them once the server is up (<see cref="Postgres.MeshSqlAccess"/>); the Kubernetes step writes them too.
/// </summary>
public sealed class MeshSqlAccessAnnotation(string database, string owner, string provisioner, ParameterResource provisionerPassword, string consumersGroup) : IResourceAnnotation
{
    /// <summary>The foreign data wrapper the mesh database federates the domains' databases with.</summary>
    public const string ForeignDataWrapper = "postgres_fdw";

    public string Database { get; } = database;

    public string Owner { get; } = owner;

    public string Provisioner { get; } = provisioner;

    public ParameterResource ProvisionerPassword { get; } = provisionerPassword;

    public string ConsumersGroup { get; } = consumersGroup;

    /// <summary>The provisioner's connection string: it signs in to the mesh database, the one it may connect to.</summary>
    public ReferenceExpression ProvisionerConnectionString(EndpointReference server) => ReferenceExpression.Create(
        $"Host={server.Property(EndpointProperty.Host)};Port={server.Property(EndpointProperty.Port)};Username={Provisioner};Password={ProvisionerPassword};Database={Database}");
}
