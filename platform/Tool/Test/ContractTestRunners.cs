namespace DataMesh.Tool.Test;

/// <summary>The runner <c>datamesh test</c> uses: the contract's ODCS quality rules, measured by <c>DataMesh.Quality</c>.</summary>
public static class ContractTestRunners
{
    public static IContractTestRunner Default { get; } = new QualityRulesRunner();
}
