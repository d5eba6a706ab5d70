using DataMesh.Contracts;

namespace DataMesh.Tool.Test;

/// <summary>
/// Runs a contract's checks against the live data behind one of its servers: the schema of what the server answers
/// and the contract's ODCS quality rules. <c>datamesh test</c> prints what it yields.
/// </summary>
public interface IContractTestRunner
{
    /// <summary>
    /// One result per check, as each finishes; a <see cref="ContractCheckResult.Skip"/> for checks of this kind that
    /// could not run (what to give them is in its detail), so that a run never passes by checking nothing.
    /// </summary>
    IAsyncEnumerable<ContractCheckResult> RunAsync(DataContract contract, ContractServer server, ContractTestTarget target, CancellationToken cancellationToken);
}

/// <summary>One check's outcome: its name (e.g. a quality rule's), whether it passed, and what was measured.</summary>
public sealed record ContractCheckResult(string Check, bool Passed, string Detail)
{
    /// <summary>The check did not run (nothing to run it on, or nothing to check): neither passed nor failed.</summary>
    public bool Skipped { get; init; }

    public static ContractCheckResult Skip(string check, string reason) => new(check, false, reason) { Skipped = true };
}
