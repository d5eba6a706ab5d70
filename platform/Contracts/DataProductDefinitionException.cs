namespace DataMesh.Contracts;

/// <summary>
/// Every problem found in a folder of descriptors and contracts, thrown at once so that one failed start
/// lists them all instead of one per restart.
/// </summary>
public sealed class DataProductDefinitionException : Exception
{
    public DataProductDefinitionException(IReadOnlyList<ContractValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>The problems, ordered by file, line and column.</summary>
    public IReadOnlyList<ContractValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<ContractValidationError> errors) =>
        $"{errors.Count} problem(s) in the data product descriptors and contracts:{Environment.NewLine}"
        + string.Join(Environment.NewLine, errors);
}
