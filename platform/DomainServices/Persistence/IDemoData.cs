namespace DataMesh.DomainServices.Persistence;

/// <summary>
/// The data a domain shows on its first start. It is written through the domain's own commands, so that the
/// events it implies are published like any others, and it is the same on every machine.
/// </summary>
public interface IDemoData
{
    /// <summary>True when the database already holds the domain's data, so nothing is written again.</summary>
    Task<bool> IsPresentAsync(CancellationToken cancellationToken);

    Task WriteAsync(CancellationToken cancellationToken);
}
