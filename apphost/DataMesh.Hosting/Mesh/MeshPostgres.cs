using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// The mesh's PostgreSQL server, whichever way it runs. Each domain and the catalog get a database of
/// their own on it: they share the server process, never a database.
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

    /// <summary>Adds the database <paramref name="databaseName"/>, known to its service as the connection <paramref name="name"/>.</summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name, string databaseName) => _addDatabase(name, databaseName);
}
