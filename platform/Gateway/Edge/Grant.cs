namespace DataMesh.Gateway.Edge;

/// <summary>Access to one data product, for a purpose that does or does not cover personal data.</summary>
public sealed record Grant(string DataProductId, string Purpose, bool PersonalData);
