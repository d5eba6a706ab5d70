namespace DataMesh.Tool.Test;

/// <summary>
/// The runners <c>datamesh test</c> uses: a SQL port's schema against its contract (postgres servers), then the contract's
/// ODCS quality rules, measured by <c>DataMesh.Quality</c>.
/// </summary>
public static class ContractTestRunners
{
    public static IContractTestRunner Default { get; } = new CombinedTestRunner(new SqlPortSchemaRunner(), new QualityRulesRunner());
}
