namespace DataMesh.Catalog.Access;

/// <summary>
/// A data product's query endpoint as the gateway guards it: reading under <paramref name="Location"/> takes a grant for
/// the product (or membership of its <paramref name="Owner"/> team), and the <paramref name="PersonalData"/> properties
/// are masked unless the grant covers personal data.
/// </summary>
/// <param name="PersonalData">The names of the properties the contract marks as personal data, at any depth of its schema.</param>
public sealed record QueryPortPolicy(string DataProductId, string Domain, string Owner, string Location, IReadOnlyList<string> PersonalData);
