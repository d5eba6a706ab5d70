namespace DataMesh.Gateway.Edge;

/// <summary>Set on a request whose answer must not show personal data: the caller's grant for the product does not cover it.</summary>
/// <param name="Properties">The names of the properties the product's contract marks as personal data.</param>
public sealed record PersonalDataMask(string DataProductId, IReadOnlyList<string> Properties);
