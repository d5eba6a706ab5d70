namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// The catalog's event that a grant on <paramref name="DataProductId"/> changed (approved, revoked, or its consumer's
/// login role created or dropped). It carries no privileges: the owning domain asks the catalog for the product's grants
/// (<see cref="SqlGrantsAnswer"/>) and applies them, so a lost or repeated event costs nothing but a later reconciliation.
/// </summary>
public sealed record SqlGrantChanged(string DataProductId, string ConsumerId)
{
    /// <summary>The topic the catalog publishes these events to and the domains with SQL ports subscribe to.</summary>
    public const string Topic = "catalog.sql-grants";
}
