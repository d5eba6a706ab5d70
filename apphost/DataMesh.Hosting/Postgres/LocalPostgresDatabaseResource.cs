namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One database on a <see cref="LocalPostgresServerResource"/>, owned by its own login role: its connection string
/// carries that role's credentials, never the superuser's.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent, DatabaseOwnerAnnotation owner)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresServerResource Parent { get; } = parent;

    public DatabaseOwnerAnnotation Owner { get; } = owner;

    public ReferenceExpression ConnectionStringExpression => Owner.ConnectionString(Parent.PrimaryEndpoint, DatabaseName);
}
