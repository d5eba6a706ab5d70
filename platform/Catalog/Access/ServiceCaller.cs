namespace DataMesh.Catalog.Access;

/// <summary>
/// A mesh service identified by its credential (<see cref="ServiceCredentials"/>): a domain registering its products,
/// the gateway asking about keys. It acts for no team.
/// </summary>
public sealed record ServiceCaller(string Service) : CatalogCaller
{
    public override CallerKind Kind => CallerKind.Service;

    public override string Name => Service;
}
