using DataMesh.DataProducts.Registration;
using DataMesh.Quality;

namespace DataMesh.DataProducts.Quality;

/// <summary>A run of a rule as the catalog is told it (<see cref="QualityRuleResult"/>).</summary>
internal static class QualityRuleReports
{
    public static QualityRuleResult ToReport(this QualityCheckResult result, string dataProductId) => new(
        dataProductId,
        result.Rule.Contract.Id,
        result.Rule.Contract.Version.ToString(),
        result.Rule.Rule.Key,
        result.Rule.Element,
        result.Rule.Kind,
        result.Outcome.ToString().ToLowerInvariant(),
        result.Measured,
        result.Detail,
        result.CheckedAt);
}
