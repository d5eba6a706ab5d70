namespace DataMesh.Catalog.Sql;

/// <summary>
/// Told when a consumer's PostgreSQL login changes, after the role itself changed: the mesh database keeps each consumer's
/// user mappings with the consumer's own credentials, so the owning domains' grants still decide what it reads there.
/// </summary>
public interface ISqlLoginObserver
{
    /// <summary>The login role was created or its password rotated; <paramref name="password"/> is the new one, shown once.</summary>
    Task IssuedAsync(string role, string password, CancellationToken cancellationToken);

    /// <summary>The login role is being dropped: whatever was kept for it goes first.</summary>
    Task DroppingAsync(string role, CancellationToken cancellationToken);
}
