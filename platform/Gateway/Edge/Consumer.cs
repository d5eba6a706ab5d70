namespace DataMesh.Gateway.Edge;

/// <summary>The caller behind a valid API key, as the catalog describes it.</summary>
/// <param name="RequestsPerSecond">The consumer's own rate; null for the gateway's default.</param>
public sealed record Consumer(string ConsumerId, string Team, int? RequestsPerSecond, IReadOnlyList<Grant> Grants)
{
    public Grant? GrantFor(string dataProductId) => Grants.FirstOrDefault(grant => grant.DataProductId == dataProductId);
}
