namespace DataMesh.Catalog.Access;

/// <summary>Nobody the catalog knows: may discover (search, product pages, lineage, breached promises) and nothing else.</summary>
public sealed record AnonymousCaller : CatalogCaller
{
    internal AnonymousCaller()
    {
    }

    public override CallerKind Kind => CallerKind.Anonymous;

    public override string Name => "anonymous";
}
