namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries (<c>postgres</c>, <c>initdb</c>), for machines
/// without a container engine. Its connection string has the same shape as Aspire's PostgreSQL container.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The superuser, like the container's default user: the AppHost's alone, for creating roles and databases.</summary>
    public const string UserName = "postgres";

    /// <summary>The cluster's folder: created by initdb on the first run and kept between runs.</summary>
    public string DataDirectory { get; } = dataDirectory;

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>The port the server listens on; fixed when the model is built, since the endpoint is not proxied.</summary>
    public int Port => Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == PrimaryEndpointName).TargetPort
        ?? throw new InvalidOperationException($"The PostgreSQL server '{Name}' has no port.");

    /// <summary>The databases created on this server once it is up.</summary>
    public IReadOnlyList<LocalPostgresDatabaseResource> Databases => _databases;

    private readonly List<LocalPostgresDatabaseResource> _databases = [];

    internal void AddDatabase(LocalPostgresDatabaseResource database) => _databases.Add(database);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}
