using System.Collections.Concurrent;
using DataMesh.Catalog.Sql;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>A test's <see cref="ISqlLoginObserver"/>: what it was told, and whether the role existed on the server right then.</summary>
internal sealed class RecordingLoginObserver(PostgresServerFixture postgres) : ISqlLoginObserver
{
    public ConcurrentQueue<(string What, string Role, string? Password, bool RoleExisted)> Calls { get; } = new();

    public async Task IssuedAsync(string role, string password, CancellationToken cancellationToken) =>
        Calls.Enqueue(("issued", role, password, await SqlProvisioning.RoleExistsAsync(postgres, role)));

    public async Task DroppingAsync(string role, CancellationToken cancellationToken) =>
        Calls.Enqueue(("dropping", role, null, await SqlProvisioning.RoleExistsAsync(postgres, role)));
}
