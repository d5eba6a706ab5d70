using System.Runtime.CompilerServices;
using DataMesh.Contracts;
using DataMesh.Quality;
using Npgsql;

namespace DataMesh.Tool.Test;

/// <summary>
/// The contract's library and sql quality rules on its stored data (table and view objects), measured in the database
/// behind the server as the domain's scheduled checks measure them: each alone, read-only, with a statement timeout.
/// A rule that could not be measured (its query failed) is a failed check: the promise was not shown to hold.
/// </summary>
public sealed class QualityRulesRunner : IContractTestRunner
{
    /// <summary>The name of the skipped check when the rules cannot run.</summary>
    public const string Check = "quality rules";

    public async IAsyncEnumerable<ContractCheckResult> RunAsync(
        DataContract contract, ContractServer server, ContractTestTarget target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (target.ConnectionString is not { } connectionString)
        {
            yield return ContractCheckResult.Skip(Check,
                $"the quality rules are measured in the database behind server '{server.Server}': give its connection string with --connection or {TestCommand.ConnectionVariable}");
            yield break;
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        var results = await QualityCheck.RunAsync(database, contract, cancellationToken: cancellationToken);
        if (results.Count == 0)
        {
            yield return ContractCheckResult.Skip(Check, "the contract states no quality rule on a table or view");
        }

        foreach (var result in results)
        {
            yield return new ContractCheckResult(
                $"{result.Rule.Element} {result.Rule.Kind} ({result.Rule.Rule.Key})", result.Outcome == QualityOutcome.Passed, result.Detail);
        }
    }
}
