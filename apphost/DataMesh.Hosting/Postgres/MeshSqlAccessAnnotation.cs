namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The mesh's SQL access on a PostgreSQL server: the <see cref="Database"/> its <see cref="Owner"/> keeps the foreign
/// servers, tables and user mappings of every SQL port in (postgres_fdw), the NOLOGIN group role <see cref="ConsumersGroup"/>
/// every consumer's login is created in, the NOLOGIN <see cref="LoginCreator"/> (CREATEROLE) whose checked functions create
/// those logins (<see cref="global::DataMesh.DataProducts.SqlPorts.ConsumerLoginFunctions"/>), and the <see cref="Provisioner"/>
/// login role that may only call those functions, whose password is the secret parameter <see cref="ProvisionerPassword"/>.
/// The superuser makes them once the server is up (<see cref="Postgres.MeshSqlAccess"/>); the Kubernetes step writes them too.
/// </summary>
public sealed class MeshSqlAccessAnnotation(string database, string owner, string provisioner, ParameterResource provisionerPassword, string consumersGroup, string loginCreator) : IResourceAnnotation
{
    /// <summary>The foreign data wrapper the mesh database federates the domains' databases with.</summary>
    public const string ForeignDataWrapper = "postgres_fdw";

    public string Database { get; } = database;

    public string Owner { get; } = owner;

    public string Provisioner { get; } = provisioner;

    public ParameterResource ProvisionerPassword { get; } = provisionerPassword;

    public string ConsumersGroup { get; } = consumersGroup;

    public string LoginCreator { get; } = loginCreator;

    /// <summary>The superuser's statements in the mesh database that give the provisioner its functions and nothing more.</summary>
    public IReadOnlyList<string> ConsumerLoginStatements() =>
        global::DataMesh.DataProducts.SqlPorts.ConsumerLoginFunctions.Statements(LoginCreator, Provisioner, ConsumersGroup);

    /// <summary>The provisioner's connection string: it signs in to the mesh database, the one it may connect to.</summary>
    public ReferenceExpression ProvisionerConnectionString(EndpointReference server) => ReferenceExpression.Create(
        $"Host={server.Property(EndpointProperty.Host)};Port={server.Property(EndpointProperty.Port)};Username={Provisioner};Password={ProvisionerPassword};Database={Database}");
}
