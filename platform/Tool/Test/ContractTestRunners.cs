using System.Runtime.CompilerServices;
using DataMesh.Contracts;

namespace DataMesh.Tool.Test;

/// <summary>
/// The runners <c>datamesh test</c> uses, in the order they report: the schema of the query endpoint's answers
/// (<see cref="QueryAnswersRunner"/>), a SQL port's live schema against its contract (<see cref="SqlPortSchemaRunner"/>), then
/// the contract's ODCS quality rules measured by <c>DataMesh.Quality</c> (<see cref="QualityRulesRunner"/>).
/// </summary>
public static class ContractTestRunners
{
    public static IContractTestRunner Default { get; } = new All([new QueryAnswersRunner(), new SqlPortSchemaRunner(), new QualityRulesRunner()]);

    /// <summary>Each runner's results, one runner after the other.</summary>
    public sealed class All(IReadOnlyList<IContractTestRunner> runners) : IContractTestRunner
    {
        public async IAsyncEnumerable<ContractCheckResult> RunAsync(
            DataContract contract, ContractServer server, ContractTestTarget target, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var runner in runners)
            {
                await foreach (var result in runner.RunAsync(contract, server, target, cancellationToken))
                {
                    yield return result;
                }
            }
        }
    }
}
