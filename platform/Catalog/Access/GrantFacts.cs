namespace DataMesh.Catalog.Access;

/// <summary>An approved access request: the product, the purpose it was granted for, and whether personal data may be read.</summary>
public sealed record GrantFacts(Guid RequestId, string DataProductId, string Purpose, bool PersonalData, string ApprovedBy, DateTimeOffset ApprovedAt);
