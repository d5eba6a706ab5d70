namespace DataMesh.Catalog.Access;

/// <summary>
/// An application calling through the gateway with its API key: the key's consumer and team, which the catalog believes
/// only from the gateway (the headers beside the gateway's service credential). A key acts for its own consumer and
/// team only, and decides for the products its team owns.
/// </summary>
public sealed record ConsumerCaller(string ConsumerId, string Team) : CatalogCaller
{
    public override CallerKind Kind => CallerKind.Consumer;

    public override string Name => ConsumerId;

    public override bool ActsFor(string team) => team == Team;

    public override bool DecidesFor(string team) => team == Team;
}
