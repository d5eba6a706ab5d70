using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// The mesh's PostgreSQL server, whichever way it runs. Each domain and the catalog get a database of
/// their own on it, owned by a login role of their own: they share the server process, never a database or a role.
/// </summary>
public sealed class MeshPostgres
{
    private readonly Func<string, string, IResourceBuilder<IResourceWithConnectionString>> _addDatabase;

    internal MeshPostgres(IResourceBuilder<IResourceWithConnectionString> server, Func<string, string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
    {
        Server = server;
        _addDatabase = addDatabase;
    }

    public IResourceBuilder<IResourceWithConnectionString> Server { get; }

    /// <summary>
    /// Adds the database <paramref name="databaseName"/>, known to its service as the connection <paramref name="name"/>,
    /// owned by the role <paramref name="databaseName"/> whose password is the secret parameter <c>{name}-password</c>:
    /// the connection carries that role, never the superuser.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name, string databaseName) => _addDatabase(name, databaseName);
}
