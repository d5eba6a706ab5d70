namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// The catalog's answer to the owning domain (<see cref="Registration.CatalogRegistrationOptions.SqlGrantsRoute"/>): every
/// grant in force on the product whose consumer has a login role. The domain makes its database say exactly this:
/// it grants what is listed and revokes from every other role what the port's schema allows it.
/// </summary>
public sealed record SqlGrantsAnswer(string DataProductId, IReadOnlyList<SqlGrant> Grants);
