using DataMesh.Contracts;

namespace DataMesh.Tool.Test;

/// <summary>
/// Runs a contract's checks against the live data behind one of its servers: the schema of what the server answers
/// and the contract's ODCS quality rules. <c>datamesh test</c> prints what it yields; the runner itself belongs to
/// the contract library's quality rules.
/// </summary>
public interface IContractTestRunner
{
    /// <summary>One result per check, as each finishes.</summary>
    /// <param name="connectionString">The database behind <paramref name="server"/> (Npgsql form, with its password), when the caller gave one.</param>
    IAsyncEnumerable<ContractCheckResult> RunAsync(DataContract contract, ContractServer server, string? connectionString, CancellationToken cancellationToken);
}

/// <summary>One check's outcome: its name (e.g. a quality rule's), whether it passed, and what was measured.</summary>
public sealed record ContractCheckResult(string Check, bool Passed, string Detail);
