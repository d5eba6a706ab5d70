using DataMesh.Quality;
using Xunit;

namespace DataMesh.Testing;

/// <summary>What every domain's tests expect of its products' quality rules on its demo data.</summary>
public static class QualityRulesAssert
{
    /// <summary>There is at least one library and one sql rule, and every rule was measured and kept.</summary>
    public static void AllKept(IReadOnlyList<QualityCheckResult> results)
    {
        Assert.Contains(results, r => r.Rule.Kind == "sql");
        Assert.Contains(results, r => r.Rule.Kind != "sql");
        Assert.All(results, r => Assert.True(r.Outcome == QualityOutcome.Passed, $"{r.Rule.Contract.Id} {r.Rule.Rule.Key} on {r.Rule.Element}: {r.Outcome}, {r.Detail}"));
    }
}
