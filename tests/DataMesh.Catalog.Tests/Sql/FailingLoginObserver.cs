using DataMesh.Catalog.Sql;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>An <see cref="ISqlLoginObserver"/> that fails while <see cref="Failing"/> is set, as the mesh database does when it is down.</summary>
internal sealed class FailingLoginObserver : ISqlLoginObserver
{
    public const string Failure = "the mesh database does not answer (test)";

    public volatile bool Failing;

    /// <summary>The password each role was last issued with, as this observer took it.</summary>
    public Dictionary<string, string> Issued { get; } = [];

    public Task IssuedAsync(string role, string password, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (Issued)
        {
            Issued[role] = password;
        }

        return Task.CompletedTask;
    }

    public Task DroppingAsync(string role, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (Issued)
        {
            Issued.Remove(role);
        }

        return Task.CompletedTask;
    }

    private void ThrowIfFailing()
    {
        if (Failing)
        {
            throw new InvalidOperationException(Failure);
        }
    }
}
