using System.Runtime.CompilerServices;
using DataMesh.Contracts;

namespace DataMesh.Tool.Test;

/// <summary>Runs several runners one after the other, so one <c>datamesh test</c> prints every kind of check for the server.</summary>
public sealed class CombinedTestRunner(params IContractTestRunner[] runners) : IContractTestRunner
{
    public async IAsyncEnumerable<ContractCheckResult> RunAsync(
        DataContract contract, ContractServer server, string? connectionString, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var runner in runners)
        {
            await foreach (var result in runner.RunAsync(contract, server, connectionString, cancellationToken))
            {
                yield return result;
            }
        }
    }
}
