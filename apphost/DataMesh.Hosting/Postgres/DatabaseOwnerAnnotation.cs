namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The login role that owns a database and is the only one its service connects as: least privilege on a shared
/// server. The role is named after the database; its password is the secret parameter <see cref="Password"/>.
/// </summary>
public sealed class DatabaseOwnerAnnotation(string role, ParameterResource password) : IResourceAnnotation
{
    public string Role { get; } = role;

    public ParameterResource Password { get; } = password;

    /// <summary>
    /// The connection string a service gets: the server's address, the owner's credentials, its database. Never the
    /// superuser's.
    /// </summary>
    public ReferenceExpression ConnectionString(EndpointReference server, string databaseName) => ReferenceExpression.Create(
        $"Host={server.Property(EndpointProperty.Host)};Port={server.Property(EndpointProperty.Port)};Username={Role};Password={Password};Database={databaseName}");
}
