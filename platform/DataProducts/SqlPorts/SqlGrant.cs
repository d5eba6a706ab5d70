namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// One approved grant on a data product with a SQL output port, as the owning domain applies it in its own database:
/// the consumer's login role may read the port's schema, its personal columns only when <paramref name="PersonalData"/>.
/// </summary>
/// <param name="ConsumerId">The catalog's consumer the grant was approved for.</param>
/// <param name="Role">The consumer's PostgreSQL login role, created by the catalog; always quoted (<see cref="SqlIdentifier"/>).</param>
/// <param name="PersonalData">Whether the grant covers the product's personal data.</param>
public sealed record SqlGrant(string ConsumerId, string Role, bool PersonalData);
